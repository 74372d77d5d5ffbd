// GET|POST /api/v1/accounts/{account_id}/teams – the account's teams (with is_member) for any member; create one (administrators)
import { withAccount } from "@/lib/http/with-auth";
import { presentTeam } from "@/lib/presenters/team";
import { createTeam, listTeams, teamSchema } from "@/lib/teams/teams";

export const GET = withAccount(async ({ db, account, user }) => Response.json(await listTeams(db, { accountId: account.id, viewerId: user.id })));

export const POST = withAccount(async ({ db, account, body }) => Response.json(presentTeam(await createTeam(db, { accountId: account.id, input: body }), false)), {
  body: teamSchema,
  role: "administrator",
});
