// GET /api/v1/widget/stream – the visitor's event stream (SSE, E4): their conversations' public events, resumable with Last-Event-ID (E5); token in X-Auth-Token, never the URL
import { AppError } from "@/lib/errors";
import { withWidget } from "@/lib/http/with-widget";
import { loadContactAudience } from "@/lib/realtime/audience";
import { hubEventStream, parseCursor } from "@/lib/realtime/event-stream";
import { realtimeHub } from "@/lib/realtime/process-hub";

// Each request is its own stream; never prerendered or cached.
export const dynamic = "force-dynamic";

export const GET = withWidget(async ({ req, db, session }) => {
  const contactInboxId = session.contactInbox.id;
  const audience = await loadContactAudience(db, contactInboxId);
  if (!audience) throw AppError.notFound();
  return hubEventStream({
    hub: await realtimeHub(),
    audience,
    cursor: parseCursor(req),
    signal: req.signal,
    // A device verified later joins the visitor's audience without a reconnect (W3).
    refreshAudience: async () => (await loadContactAudience(db, contactInboxId)) ?? audience,
  });
});
