// GET|PUT /api/v1/profile – the signed-in user with their access token and accounts; update name, display name, password (a new password ends the user's other sessions)
import { renewSessionOnResponse } from "@/lib/auth/renew-session";
import { withUser } from "@/lib/http/with-auth";
import { getProfileByUser } from "@/lib/profile/profile";
import { profileUpdateSchema, updateProfileByUser } from "@/lib/profile/update-profile";

export const GET = withUser(async ({ db, user }) => Response.json(await getProfileByUser({ db, userId: user.id })));

export const PUT = withUser(
  async ({ req, db, user, via, body }) => {
    const { sessionVersion } = await updateProfileByUser({ db, userId: user.id, input: body });
    const res = Response.json(await getProfileByUser({ db, userId: user.id }));
    return sessionVersion !== null && via === "session" ? renewSessionOnResponse(req, res, sessionVersion) : res;
  },
  { body: profileUpdateSchema },
);
