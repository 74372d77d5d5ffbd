// GET|PATCH /api/v1/accounts/{account_id}/conversations/{display_id} – one conversation the caller may see, as AppConversation; PATCH sets its priority (Chatwoot's update)
import { z } from "zod";
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { toggleConversationPriority } from "@/lib/conversations/toggle-priority";
import { priorityEnum } from "@/db/schema";
import { conversationParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { loadAppConversation } from "@/lib/presenters/app-conversation";

export const GET = withAccount(
  async ({ db, account, user, membership, params }) => {
    const conversation = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    return Response.json(await loadAppConversation(db, conversation.id, { viewerId: user.id }));
  },
  { params: conversationParams },
);

/** Chatwoot permits `priority` only ("none" clears it, as its enum lists); the answer is the conversation. */
const updateSchema = z.object({
  priority: z
    .enum([...priorityEnum.enumValues, "none", ""])
    .nullable()
    .optional(),
});

export const PATCH = withAccount(
  async ({ db, account, user, membership, params, body }) => {
    const found = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    const priority = body.priority === "none" || body.priority === "" ? null : body.priority;
    if (priority !== undefined)
      await toggleConversationPriority(db, { accountId: account.id, conversationId: found.id, input: { priority }, actor: { type: "user", id: user.id, role: membership.role } });
    return Response.json(await loadAppConversation(db, found.id, { viewerId: user.id }));
  },
  { params: conversationParams, body: updateSchema },
);
