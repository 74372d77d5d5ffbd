// GET /api/v1/widget/stream – the visitor's event stream (SSE, E4): their conversations' public events, resumable with Last-Event-ID (E5); token in X-Auth-Token, never the URL; an open stream is the visitor's presence (P2)
import { AppError } from "@/lib/errors";
import { withWidget } from "@/lib/http/with-widget";
import { touchContactPresence } from "@/lib/presence/agent-presence";
import { loadContactAudience } from "@/lib/realtime/audience";
import { hubEventStream, parseCursor } from "@/lib/realtime/event-stream";
import { realtimeHub } from "@/lib/realtime/process-hub";
import { shareAmongStreams } from "@/lib/realtime/share-among-streams";
import { coordination } from "@/lib/redis";
import { admitStream, visitorStreamHolders } from "@/lib/realtime/stream-caps";

// Each request is its own stream; never prerendered or cached.
export const dynamic = "force-dynamic";

export const GET = withWidget(async ({ req, db, session, ip }) => {
  const { contactInbox, contact } = session;
  const audience = await loadContactAudience(db, contactInbox.id);
  if (!audience) throw AppError.notFound();
  const store = coordination();
  // Recorded on connect and with every heartbeat, as the operator stream does for agents; Redis being
  // down must not end the stream (R2), so a failure is only logged.
  // The visitor's streams on this instance (tabs) share one write and one audience read per period (B4).
  const touchPresence = () =>
    void shareAmongStreams(store, `contact-presence:${contact.id}`, () => touchContactPresence(store, { accountId: contact.accountId, contactId: contact.id, now: new Date() })).catch((err: unknown) =>
      console.warn(`widget stream: presence not recorded (${err instanceof Error ? err.message : String(err)})`),
    );
  touchPresence();
  return hubEventStream({
    hub: await realtimeHub(),
    audience,
    cursor: parseCursor(req),
    signal: req.signal,
    // Over the caps (5 per visitor, 200 per address by default) the holder's oldest stream ends.
    admit: (close) => admitStream(visitorStreamHolders(contactInbox.id, ip), close),
    onHeartbeat: touchPresence,
    // A device verified later joins the visitor's audience without a reconnect (W3).
    refreshAudience: async () => (await shareAmongStreams(db, `contact-audience:${contactInbox.id}`, () => loadContactAudience(db, contactInbox.id))) ?? audience,
  });
});
