/**
 * An incremental Server-Sent Events parser (the WHATWG "event stream interpretation"): feed it text
 * as it arrives, in chunks cut anywhere, and it calls back per message. `id` is reported as soon as the
 * field is seen, as browsers update lastEventId, so a message without data still moves the cursor.
 *
 * Why not eventsource-parser (it would fit the widget's budget, ≈1.4 KB gzip): it reports an id only
 * on a dispatched message, so an `id:` block without data never moves Last-Event-ID, which the SSE
 * standard and resume (E5) require and lib/realtime/sse.test.ts pins.
 */
export type SseParsed = { event: string; data: string; id: string | null };

export type SseParserHandlers = {
  onMessage(m: SseParsed): void;
  onId?(id: string): void;
  onRetry?(ms: number): void;
  /** Any line at all (comments included): proof the connection is alive. */
  onActivity?(): void;
};

export function createSseParser(h: SseParserHandlers): { feed(text: string): void } {
  let buffer = "";
  let skipLeadingLf = false;
  let event = "";
  let data: string[] = [];
  let lastId: string | null = null;

  const line = (l: string) => {
    h.onActivity?.();
    if (l === "") {
      if (data.length > 0) h.onMessage({ event: event || "message", data: data.join("\n"), id: lastId });
      event = "";
      data = [];
      return;
    }
    if (l.startsWith(":")) return;
    const colon = l.indexOf(":");
    const field = colon === -1 ? l : l.slice(0, colon);
    let value = colon === -1 ? "" : l.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id" && !value.includes("\0")) {
      lastId = value;
      h.onId?.(value);
    } else if (field === "retry" && /^\d+$/.test(value)) h.onRetry?.(Number(value));
  };

  return {
    feed(text) {
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c === "\n" && skipLeadingLf && i === start) {
          // the LF of a CRLF split across chunks
          skipLeadingLf = false;
          start = i + 1;
          continue;
        }
        skipLeadingLf = false;
        if (c === "\r" || c === "\n") {
          line(buffer.slice(start, i));
          if (c === "\r") {
            if (i + 1 < buffer.length) {
              if (buffer[i + 1] === "\n") i++;
            } else {
              skipLeadingLf = true;
            }
          }
          start = i + 1;
        }
      }
      buffer = buffer.slice(start);
    },
  };
}
