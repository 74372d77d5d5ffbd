import type { SseFrame } from "./sse-load";

const MARKER = /"content":"bench-(\d+)-/;

/**
 * What the subscribers of one round received. A message counts once per subscriber, by its
 * `message.created` frame: a second `message.created` of the same message on the same stream is a
 * duplicate (E5 allows none), an event id not above the stream's last one (a repeat or a step back) is out of order, and other
 * events that quote the message (a conversation push or a notification carries the last message)
 * are tallied by type but are not receipts.
 */
export function receiptCounter(subscribers: number, sentAt: Map<number, number>) {
  const seen = Array.from({ length: subscribers }, () => new Set<number>());
  const lastId = new Array<number>(subscribers).fill(-1);
  const latencies: number[] = [];
  const quotedBy: Record<string, number> = {};
  let duplicates = 0;
  let outOfOrder = 0;
  return {
    latencies,
    quotedBy,
    get received() {
      return latencies.length;
    },
    get duplicates() {
      return duplicates;
    },
    get outOfOrder() {
      return outOfOrder;
    },
    onFrame(s: number, frame: SseFrame, at: number) {
      const id = frame.id === null ? NaN : Number(frame.id);
      if (Number.isFinite(id) && frame.event !== "ready" && frame.event !== "resync") {
        if (id <= lastId[s]!) outOfOrder++;
        lastId[s] = Math.max(lastId[s]!, id);
      }
      const m = MARKER.exec(frame.data);
      if (!m) return;
      const marker = Number(m[1]);
      const sent = sentAt.get(marker);
      if (sent === undefined) return;
      if (frame.event !== "message.created") {
        quotedBy[frame.event] = (quotedBy[frame.event] ?? 0) + 1;
        return;
      }
      if (seen[s]!.has(marker)) {
        duplicates++;
        return;
      }
      seen[s]!.add(marker);
      latencies.push(at - sent);
    },
  };
}
