// POST /api/v1/accounts/{account_id}/inboxes/{id}/rotate_secret – Parley: a new signing secret for an API inbox's webhook_url, shown once (administrators, AP2)
import { z } from "zod";
import { getInboxWithSettingsById } from "@/lib/inboxes/get-inbox";
import { rotateApiInboxSecret } from "@/lib/inboxes/save-inbox";
import { inboxParams, requestOrigin } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentAppInbox } from "@/lib/presenters/app-inbox";

export const POST = withAccount(
  async ({ db, req, account, params }) => {
    const secret = await rotateApiInboxSecret(db, { accountId: account.id, inboxId: params.inboxId });
    const inbox = await getInboxWithSettingsById(db, { accountId: account.id, inboxId: params.inboxId });
    return Response.json({ ...presentAppInbox(inbox, { isAdministrator: true, origin: requestOrigin(req) }), secret });
  },
  // No input, but a malformed body is refused like anywhere else (R4).
  { params: inboxParams, role: "administrator", body: z.looseObject({}) },
);
