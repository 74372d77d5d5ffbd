import { z } from "zod";
import { pathId } from "@/lib/validation";

export const accountParams = z.object({ accountId: z.string() });
/** `conversationId` is the per-account display_id, as Chatwoot's `{id}`. */
export const conversationParams = accountParams.extend({ conversationId: pathId });
export const messageParams = conversationParams.extend({ messageId: pathId });
export const contactParams = accountParams.extend({ contactId: pathId });
export const noteParams = contactParams.extend({ noteId: pathId });
export const definitionParams = accountParams.extend({ definitionId: pathId });

/** Rails' `head :ok`: status 200 with an empty body. */
export function headOk(): Response {
  return new Response(null, { status: 200 });
}
