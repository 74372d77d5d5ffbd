import { z } from "zod";
import { accountParams } from "./app-params";

/** Ids in settings paths: anything but a plain positive integer names no resource (404). */
const pathId = z.string().regex(/^[1-9]\d{0,8}$/).transform(Number);

export const inboxParams = accountParams.extend({ inboxId: pathId });
export const agentParams = accountParams.extend({ agentId: pathId });
export const cannedResponseParams = accountParams.extend({ cannedResponseId: pathId });
export const labelParams = accountParams.extend({ labelId: pathId });

/** The origin the embed snippet points at: the one the caller reached Parley on. */
export const requestOrigin = (req: Request) => new URL(req.url).origin;
