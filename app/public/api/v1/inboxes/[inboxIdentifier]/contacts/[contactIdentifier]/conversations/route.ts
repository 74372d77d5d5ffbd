// GET|POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations – the contact's conversations; start one (W6)
import { z } from "zod";
import { listConversationsByContactInbox } from "@/lib/conversations/contact-conversations";
import { findOrCreateConversationByContactInbox } from "@/lib/conversations/find-or-create-conversation";
import { withPublicContact, publicPreflight } from "@/lib/http/with-public-inbox";
import { loadPublicConversation, loadPublicConversations } from "@/lib/presenters/public-conversation";

export const GET = withPublicContact(async ({ db, contactInbox }) => Response.json(await loadPublicConversations(db, await listConversationsByContactInbox(db, { contactInbox }))));

// Only custom_attributes are taken from the caller (Chatwoot); status and the rest are the engine's.
const createBody = z.object({
  custom_attributes: z
    .record(z.string(), z.unknown())
    .refine((v) => !JSON.stringify(v).includes("\\u0000"), "contains a null character")
    .optional(),
});

export const POST = withPublicContact(
  async ({ db, inbox, contactInbox, body, countLimit }) => {
    // W6 counts a conversation only when one is really opened: an inbox locked to a single
    // conversation answers the existing one.
    const reused = inbox.lockToSingleConversation && (await listConversationsByContactInbox(db, { contactInbox })).some((c) => c.contactInboxId === contactInbox.id);
    if (!reused) await countLimit("conversation");
    // startNew: a new conversation each time, unless the inbox is locked to a single one (Chatwoot).
    const { conversation } = await findOrCreateConversationByContactInbox(db, {
      accountId: inbox.accountId,
      contactInboxId: contactInbox.id,
      startNew: true,
      input: { custom_attributes: body.custom_attributes ?? {} },
    });
    return Response.json(await loadPublicConversation(db, conversation));
  },
  { body: createBody },
);

export const OPTIONS = publicPreflight;
