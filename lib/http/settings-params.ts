import { pathId } from "@/lib/validation";
import { accountParams } from "./app-params";

export const inboxParams = accountParams.extend({ inboxId: pathId });
export const agentParams = accountParams.extend({ agentId: pathId });
export const cannedResponseParams = accountParams.extend({ cannedResponseId: pathId });
export const labelParams = accountParams.extend({ labelId: pathId });
export const agentBotParams = accountParams.extend({ agentBotId: pathId });
export const webhookParams = accountParams.extend({ webhookId: pathId });
export const webhookDeliveryParams = webhookParams.extend({ deliveryId: pathId });

/** The origin the embed snippet points at: the one the caller reached Parley on. */
export const requestOrigin = (req: Request) => new URL(req.url).origin;
export const teamParams = accountParams.extend({ teamId: pathId });
export const customFilterParams = accountParams.extend({ customFilterId: pathId });
