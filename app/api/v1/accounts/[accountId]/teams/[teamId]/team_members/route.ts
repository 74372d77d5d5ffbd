// GET|POST|PATCH|DELETE /api/v1/accounts/{account_id}/teams/{id}/team_members – list, add, replace or remove a team's agents (administrators)
import { headOk } from "@/lib/http/app-params";
import { teamParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { addTeamMembers, listTeamMembers, removeTeamMembers, replaceTeamMembers, teamMembersSchema } from "@/lib/teams/teams";

const opts = { params: teamParams, body: teamMembersSchema, role: "administrator" } as const;

export const GET = withAccount(async ({ db, account, params }) => Response.json(await listTeamMembers(db, { accountId: account.id, teamId: params.teamId })), {
  params: teamParams,
  role: "administrator",
});

export const POST = withAccount(async ({ db, account, params, body }) => {
  await addTeamMembers(db, { accountId: account.id, teamId: params.teamId, userIds: body.user_ids });
  return Response.json(await listTeamMembers(db, { accountId: account.id, teamId: params.teamId }));
}, opts);

export const PATCH = withAccount(async ({ db, account, params, body }) => {
  await replaceTeamMembers(db, { accountId: account.id, teamId: params.teamId, userIds: body.user_ids });
  return Response.json(await listTeamMembers(db, { accountId: account.id, teamId: params.teamId }));
}, opts);

export const DELETE = withAccount(async ({ db, account, params, body }) => {
  await removeTeamMembers(db, { accountId: account.id, teamId: params.teamId, userIds: body.user_ids });
  return headOk();
}, opts);
