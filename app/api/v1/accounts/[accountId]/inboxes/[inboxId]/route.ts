// GET|PATCH|PUT|DELETE /api/v1/accounts/{account_id}/inboxes/{id} – one inbox as Inbox; update or delete it (administrators)
import { deleteInbox, updateInbox } from "@/lib/inboxes/save-inbox";
import { inboxUpdateSchema } from "@/lib/inboxes/inbox-input";
import { getInboxForViewer } from "@/lib/inboxes/list-inboxes";
import { headOk } from "@/lib/http/app-params";
import { inboxParams, requestOrigin } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentAppInbox } from "@/lib/presenters/app-inbox";

export const GET = withAccount(
  async ({ db, req, account, user, membership, params }) => {
    const found = await getInboxForViewer(db, { accountId: account.id, inboxId: params.inboxId, user: { id: user.id, role: membership.role } });
    return Response.json(presentAppInbox(found, { isAdministrator: membership.role === "administrator", origin: requestOrigin(req) }));
  },
  { params: inboxParams },
);

export const PATCH = withAccount(
  async ({ db, req, account, params, body }) => {
    const updated = await updateInbox(db, { accountId: account.id, inboxId: params.inboxId, input: body });
    return Response.json(presentAppInbox(updated, { isAdministrator: true, origin: requestOrigin(req) }));
  },
  { params: inboxParams, body: inboxUpdateSchema, role: "administrator" },
);
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, params }) => {
    await deleteInbox(db, { accountId: account.id, inboxId: params.inboxId });
    return headOk();
  },
  { params: inboxParams, role: "administrator" },
);
