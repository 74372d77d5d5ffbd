// GET|PATCH|PUT|DELETE /api/v1/accounts/{account_id}/contacts/{contact_id}/notes/{id} – one note; edit it; delete it
import { deleteNote, getNote, noteInputSchema, updateNote } from "@/lib/contacts/contact-notes";
import { headOk, noteParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(async ({ db, account, params }) => Response.json(await getNote(db, { accountId: account.id, contactId: params.contactId, noteId: params.noteId })), {
  params: noteParams,
});

export const PATCH = withAccount(
  async ({ db, account, params, body }) => Response.json(await updateNote(db, { accountId: account.id, contactId: params.contactId, noteId: params.noteId, content: body.content })),
  { params: noteParams, body: noteInputSchema },
);
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, params }) => {
    await deleteNote(db, { accountId: account.id, contactId: params.contactId, noteId: params.noteId });
    return headOk();
  },
  { params: noteParams },
);
