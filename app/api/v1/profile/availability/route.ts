// POST /api/v1/profile/availability – set the signed-in agent's availability in one account (Chatwoot body { profile: { availability, account_id } }); returns the profile
import { withUser } from "@/lib/http/with-auth";
import { availabilityInputSchema, setAgentAvailability } from "@/lib/presence/set-availability";
import { getProfileByUser } from "@/lib/profile/profile";
import { kickRealtime } from "@/lib/realtime/process-hub";

export const POST = withUser(
  async ({ db, user, body }) => {
    const { account_id: accountId, availability, auto_offline: autoOffline } = body.profile;
    await setAgentAvailability(db, { accountId, userId: user.id, availability, autoOffline });
    void kickRealtime();
    return Response.json(await getProfileByUser({ db, userId: user.id }));
  },
  { body: availabilityInputSchema },
);
