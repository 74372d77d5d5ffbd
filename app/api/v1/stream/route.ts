// GET /api/v1/stream – operator event stream (SSE): every event the user may see, resumable with Last-Event-ID
import { withUser } from "@/lib/http/with-auth";
import { loadAgentAudience, reloadAgentAudience } from "@/lib/realtime/audience";
import { hubEventStream, parseCursor } from "@/lib/realtime/event-stream";
import { realtimeHub } from "@/lib/realtime/process-hub";
import { shareAmongStreams } from "@/lib/realtime/share-among-streams";
import { coordination } from "@/lib/redis";
import { clientIp } from "@/lib/http/client-ip";
import { admitStream, agentStreamHolders } from "@/lib/realtime/stream-caps";

// Never prerendered or cached: each request is its own stream (as app/api/health does; revisit both
// if Cache Components is ever enabled, which drops this option).
export const dynamic = "force-dynamic";

export const GET = withUser(async ({ req, user, db }) => {
  const audience = await loadAgentAudience(db, user.id);
  const hub = await realtimeHub();
  const store = coordination();
  // An open stream is a sign of life (P1): recorded on connect and with every heartbeat. Redis being
  // down must not end the stream (R2), so failures are only logged.
  // A user's streams on this instance share one write and one audience read per period (B4).
  const touchPresence = () => {
    const now = Date.now();
    shareAmongStreams(store, `presence:${user.id}`, () => Promise.all(audience.accounts.map((a) => store.touch(`presence:${a.accountId}`, String(user.id), now)))).catch((err: unknown) =>
      console.warn(`stream: presence not recorded (${err instanceof Error ? err.message : String(err)})`),
    );
  };
  touchPresence();
  return hubEventStream({
    hub,
    audience,
    cursor: parseCursor(req),
    signal: req.signal,
    // Over the caps (20 per agent, 200 per address by default) the holder's oldest stream ends.
    admit: (close) => admitStream(agentStreamHolders(user.id, clientIp(req.headers)), close),
    onHeartbeat: touchPresence,
    // Also ends the stream once the credential it opened with is no longer good (issue #13 §5).
    refreshAudience: () => shareAmongStreams(db, `audience:${user.id}:${user.sessionVersion}`, () => reloadAgentAudience(db, { userId: user.id, sessionVersion: user.sessionVersion })),
  });
});
