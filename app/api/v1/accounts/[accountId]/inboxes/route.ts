// GET|POST /api/v1/accounts/{account_id}/inboxes – the inboxes the caller may see; create a website inbox (administrators)
import { createInbox } from "@/lib/inboxes/save-inbox";
import { inboxCreateSchema } from "@/lib/inboxes/inbox-input";
import { listInboxesWithSettings } from "@/lib/inboxes/list-inboxes";
import { requestOrigin } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { presentAppInbox } from "@/lib/presenters/app-inbox";

export const GET = withAccount(async ({ db, req, account, user, membership }) => {
  const list = await listInboxesWithSettings(db, { accountId: account.id, user: { id: user.id, role: membership.role } });
  const opts = { isAdministrator: membership.role === "administrator", origin: requestOrigin(req) };
  return Response.json({ payload: list.map((i) => presentAppInbox(i, opts)) });
});

export const POST = withAccount(
  async ({ db, req, account, body }) => {
    const created = await createInbox(db, { accountId: account.id, input: body });
    return Response.json(presentAppInbox(created, { isAdministrator: true, origin: requestOrigin(req) }));
  },
  { body: inboxCreateSchema, role: "administrator" },
);
