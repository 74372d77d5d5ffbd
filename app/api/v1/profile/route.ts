// GET|PUT /api/v1/profile – the signed-in user with their access token and accounts; update name, display name, password
import { withUser } from "@/lib/http/with-auth";
import { getProfileByUser } from "@/lib/profile/profile";
import { profileUpdateSchema, updateProfileByUser } from "@/lib/profile/update-profile";

export const GET = withUser(async ({ db, user }) => Response.json(await getProfileByUser({ db, userId: user.id })));

export const PUT = withUser(
  async ({ db, user, body }) => {
    await updateProfileByUser({ db, userId: user.id, input: body });
    return Response.json(await getProfileByUser({ db, userId: user.id }));
  },
  { body: profileUpdateSchema },
);
