import { parseEvent } from "@/lib/realtime/parse-event";
import { connectStream } from "@/lib/realtime/stream-client";

/** Events that can move the reports page's right-now figures: open, unattended, unassigned, pending, agents online. */
const MOVES_FIGURES = new Set([
  "conversation.created",
  "conversation.status_changed",
  "conversation.opened",
  "conversation.resolved",
  "assignee.changed",
  "first_reply.created",
  "reply.created",
  "presence.update",
]);

/** Whether an event of the stream can change a right-now figure (an incoming message can reopen or unattend one). */
export function movesLiveFigures(type: string, data: Record<string, unknown>): boolean {
  return MOVES_FIGURES.has(type) || (type === "message.created" && data.message_type === 0);
}

/**
 * The right-now figures follow the live stream instead of a 30-second poll (U13): read at once, after
 * every reconnect, and shortly after each event that can move them; bursts collapse into one read.
 * Returns the stop.
 */
export function followLiveFigures(accountId: number, read: () => void, quietMs = 400): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(read, quietMs);
  };
  let readies = 0;
  read();
  const client = connectStream({
    url: "/api/v1/stream",
    credentials: "same-origin",
    onMessage: (m) => {
      // The first connect follows the read above; a reconnect may have missed events.
      if ((m.event === "ready" && readies++ > 0) || m.event === "resync") return read();
      const parsed = parseEvent(m.event, m.data);
      if (parsed && parsed.data.account_id === accountId && movesLiveFigures(parsed.type, parsed.data as Record<string, unknown>)) soon();
    },
  });
  return () => {
    if (timer) clearTimeout(timer);
    client.close();
  };
}
