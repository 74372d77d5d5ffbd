// POST /api/v1/accounts/{account_id}/conversations/{display_id}/custom_attributes – replace the conversation's custom attributes (defined ones checked by type; a key left out is removed), answered as {custom_attributes}
import { conversationCustomAttributesSchema, setConversationCustomAttributes } from "@/lib/conversations/conversation-custom-attributes";
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { assertCustomAttributeValues } from "@/lib/custom-attributes/validate-values";
import { conversationParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";
import { parseInput } from "@/lib/validation";
import { z } from "zod";

export const POST = withAccount(
  async ({ db, account, user, membership, params, body }) => {
    const found = await getConversationOrThrow(db, { accountId: account.id, displayId: params.conversationId, user: { id: user.id, role: membership.role } });
    // Validated after the lookup: a caller who may not see the conversation learns nothing from a 422.
    const input = parseInput(conversationCustomAttributesSchema, body);
    // Values of defined conversation attributes are checked by type (a 422 naming custom_attributes.<key>); other keys are free-form.
    await assertCustomAttributeValues(db, { accountId: account.id, model: "conversation_attribute", values: input.custom_attributes });
    return Response.json({ custom_attributes: await setConversationCustomAttributes(db, { conversationId: found.id, customAttributes: input.custom_attributes }) });
  },
  { params: conversationParams, body: z.looseObject({}) },
);
