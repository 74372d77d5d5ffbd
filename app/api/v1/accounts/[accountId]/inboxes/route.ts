// GET|POST /api/v1/accounts/{account_id}/inboxes – the inboxes the caller may see; create a website or API-channel inbox (administrators; an API inbox's signing secret is shown once, AP1)
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
    const out = presentAppInbox(created, { isAdministrator: true, origin: requestOrigin(req) });
    // AP2: the secret that signs what is POSTed to the webhook_url, here and in rotate_secret only.
    return Response.json(created.apiChannel ? { ...out, secret: created.apiChannel.secret } : out);
  },
  { body: inboxCreateSchema, role: "administrator" },
);
