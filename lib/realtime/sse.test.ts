import { describe, expect, it } from "vitest";
import { waitFor } from "@/test/support/realtime";
import { createSseParser, type SseParsed } from "./sse-parser";
import { encodeEvent, formatComment, formatEvent, sseResponse, type SseChannel } from "./sse";

describe("SSE wire format (E4)", () => {
  it("formats event, data and id, one data line per line of text", () => {
    expect(formatEvent({ event: "message.created", data: '{"id":1}', id: 42 })).toBe('event: message.created\ndata: {"id":1}\nid: 42\n\n');
    expect(formatEvent({ event: "x", data: "a\nb\r\nc" })).toBe("event: x\ndata: a\ndata: b\ndata: c\n\n");
    expect(formatEvent({ event: "evil\nid: 9", data: "d", id: "1\n2" })).toBe("event: evil id: 9\ndata: d\nid: 1 2\n\n");
    expect(formatComment("heartbeat")).toBe(": heartbeat\n\n");
  });

  it("parses what it formats, whatever the chunking and line endings", () => {
    const text =
      formatEvent({ event: "a", data: "one\ntwo", id: 1 }) +
      formatComment("heartbeat") +
      "event: b\r\ndata:no space\r\nid: 2\r\n\r\n" +
      "data: plain\rid: 3\r\r" +
      "id: 4\n\n" + // id without data moves the cursor, dispatches nothing
      "retry: 1500\n\n";
    for (const size of [1, 2, 3, 7, text.length]) {
      const got: SseParsed[] = [];
      const ids: string[] = [];
      const retries: number[] = [];
      const parser = createSseParser({ onMessage: (m) => got.push(m), onId: (id) => ids.push(id), onRetry: (ms) => retries.push(ms) });
      for (let i = 0; i < text.length; i += size) parser.feed(text.slice(i, i + size));
      expect(got, `chunks of ${size}`).toEqual([
        { event: "a", data: "one\ntwo", id: "1" },
        { event: "b", data: "no space", id: "2" },
        { event: "message", data: "plain", id: "3" },
      ]);
      expect(ids).toEqual(["1", "2", "3", "4"]);
      expect(retries).toEqual([1500]);
    }
  });
});

describe("sseResponse", () => {
  async function readUntil(res: Response, done: (text: string) => boolean): Promise<string> {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!done(text)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      text += value;
    }
    reader.releaseLock();
    return text;
  }

  it("streams with the SSE headers, heartbeats, and cleans up when the client goes away", async () => {
    const abort = new AbortController();
    let channel!: SseChannel;
    let cleaned = false;
    let beats = 0;
    const res = sseResponse({
      signal: abort.signal,
      heartbeatMs: 20,
      onHeartbeat: () => beats++,
      open: async (c) => {
        channel = c;
        return () => (cleaned = true);
      },
    });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    await waitFor("the stream to open", () => channel !== undefined);
    channel.send({ event: "message.created", data: "{}", id: 7 });
    const text = await readUntil(res, (t) => t.includes(": heartbeat"));
    expect(text).toContain("event: message.created\ndata: {}\nid: 7\n\n");
    expect(beats).toBeGreaterThanOrEqual(1);
    abort.abort();
    await waitFor("clean-up", () => cleaned);
    expect(channel.closed).toBe(true);
  });

  it("cuts off a consumer that stops reading instead of buffering without bound", async () => {
    let channel!: SseChannel;
    let cleaned = false;
    sseResponse({
      signal: new AbortController().signal,
      maxQueued: 10,
      open: async (c) => {
        channel = c;
        return () => (cleaned = true);
      },
    });
    await waitFor("the stream to open", () => channel !== undefined);
    for (let i = 0; i < 20; i++) channel.send({ event: "e", data: String(i), id: i });
    expect(channel.closed).toBe(true);
    expect(cleaned).toBe(true);
  });
  it("a body cancelled before the stream starts opens nothing (so no heartbeat is left behind)", async () => {
    let opened = false;
    const res = sseResponse({
      signal: new AbortController().signal,
      open: async () => {
        opened = true;
        return () => undefined;
      },
    });
    await res.body!.cancel();
    // The stream starts on the event loop's next turn (setImmediate): one turn later it would have.
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toBe(false);
  });

  it("B1: one encoded frame goes to many streams, each with its own copy", async () => {
    const channels: SseChannel[] = [];
    const open = () =>
      sseResponse({
        signal: new AbortController().signal,
        open: async (c) => {
          channels.push(c);
          return () => undefined;
        },
      });
    const [a, b] = [open(), open()];
    await waitFor("both streams to open", () => channels.length === 2);
    const frame = encodeEvent({ event: "message.created", data: '{"content":"hi"}', id: 9 });
    for (const c of channels) c.sendFrame(frame);
    // A reader that scribbles over its chunk (or a byte stream that detaches it) leaves the others whole.
    const readerA = a.body!.getReader();
    for (;;) {
      const { value } = await readerA.read();
      const text = new TextDecoder().decode(value);
      value!.fill(0);
      if (text.includes("event: message.created")) break;
    }
    const text = await readUntil(b, (t) => t.includes("id: 9\n\n") || t.includes("\0"));
    expect(text).toContain('event: message.created\ndata: {"content":"hi"}\nid: 9\n\n');
    expect(new TextDecoder().decode(frame)).toBe(formatEvent({ event: "message.created", data: '{"content":"hi"}', id: 9 }));
    for (const c of channels) c.close();
  });
});
