// GET|PATCH|PUT|DELETE /api/v1/accounts/{account_id}/teams/{id} – show a team (any member); edit or delete it (administrators)
import { headOk } from "@/lib/http/app-params";
import { teamParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";
import { deleteTeam, showTeam, teamUpdateSchema, updateTeam } from "@/lib/teams/teams";

export const GET = withAccount(async ({ db, account, user, params }) => Response.json(await showTeam(db, { accountId: account.id, id: params.teamId, viewerId: user.id })), { params: teamParams });

export const PATCH = withAccount(
  async ({ db, account, user, params, body }) => {
    await updateTeam(db, { accountId: account.id, id: params.teamId, input: body });
    return Response.json(await showTeam(db, { accountId: account.id, id: params.teamId, viewerId: user.id }));
  },
  { params: teamParams, body: teamUpdateSchema, role: "administrator" },
);
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, params }) => {
    await deleteTeam(db, { accountId: account.id, id: params.teamId });
    return headOk();
  },
  { params: teamParams, role: "administrator" },
);
