// GET|POST /api/v1/accounts/{account_id}/contacts/{contact_id}/notes – a contact's notes, newest first; add one
import { createNote, listNotes, noteInputSchema } from "@/lib/contacts/contact-notes";
import { contactParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(async ({ db, account, params }) => Response.json(await listNotes(db, { accountId: account.id, contactId: params.contactId })), { params: contactParams });

export const POST = withAccount(
  async ({ db, account, user, params, body }) => Response.json(await createNote(db, { accountId: account.id, contactId: params.contactId, userId: user.id, content: body.content })),
  { params: contactParams, body: noteInputSchema },
);
