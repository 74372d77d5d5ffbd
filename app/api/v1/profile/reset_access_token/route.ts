// POST /api/v1/profile/reset_access_token – a new api_access_token (Chatwoot's route); the old one stops working and the user's other sessions and streams end
import { z } from "zod";
import { renewSessionOnResponse } from "@/lib/auth/renew-session";
import { withUser } from "@/lib/http/with-auth";
import { getProfileByUser } from "@/lib/profile/profile";
import { rotateAccessTokenByUser } from "@/lib/profile/rotate-access-token";

export const POST = withUser(
  async ({ req, db, user, via }) => {
    const { sessionVersion } = await rotateAccessTokenByUser(db, { userId: user.id });
    const res = Response.json(await getProfileByUser({ db, userId: user.id }));
    return via === "session" ? renewSessionOnResponse(req, res, sessionVersion) : res;
  },
  // No fields, but a body that is not JSON is still a 400 (as Rails' parameter parsing), not ignored.
  { body: z.looseObject({}) },
);
