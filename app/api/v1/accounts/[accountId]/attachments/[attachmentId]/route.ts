// GET /api/v1/accounts/{account_id}/attachments/{id} – download a message's file: agents of the conversation's inbox, administrators of the account; anyone else 404 (SPEC §12 safe headers)
import { z } from "zod";
import { getAttachmentForUserOrThrow } from "@/lib/attachments/find-attachment";
import { serveAttachment } from "@/lib/attachments/serve-attachment";
import { accountParams } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

const params = accountParams.extend({
  attachmentId: z
    .string()
    .regex(/^[1-9]\d{0,8}$/)
    .transform(Number),
});

export const GET = withAccount(
  async ({ db, account, user, membership, params }) =>
    serveAttachment(db, await getAttachmentForUserOrThrow(db, { accountId: account.id, attachmentId: params.attachmentId, user: { id: user.id, role: membership.role } })),
  { params },
);
