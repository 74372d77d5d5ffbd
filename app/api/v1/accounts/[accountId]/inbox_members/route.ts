// POST|PATCH|DELETE /api/v1/accounts/{account_id}/inbox_members – add, replace or remove an inbox's members (administrators)
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { addInboxMembers, inboxMembersSchema, removeInboxMembers, replaceInboxMembers } from "@/lib/inboxes/inbox-members";
import { headOk } from "@/lib/http/app-params";
import { withAccount } from "@/lib/http/with-auth";

const opts = { body: inboxMembersSchema, role: "administrator" } as const;

export const POST = withAccount(async ({ db, account, body }) => {
  await addInboxMembers(db, { accountId: account.id, inboxId: body.inbox_id, userIds: body.user_ids });
  return Response.json({ payload: await listAgentsByAccount(db, { accountId: account.id, inboxId: body.inbox_id }) });
}, opts);

export const PATCH = withAccount(async ({ db, account, body }) => {
  await replaceInboxMembers(db, { accountId: account.id, inboxId: body.inbox_id, userIds: body.user_ids });
  return Response.json({ payload: await listAgentsByAccount(db, { accountId: account.id, inboxId: body.inbox_id }) });
}, opts);

export const DELETE = withAccount(async ({ db, account, body }) => {
  await removeInboxMembers(db, { accountId: account.id, inboxId: body.inbox_id, userIds: body.user_ids });
  return headOk();
}, opts);
