import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveOnNode } from "@/lib/http/serve-on-node";
import { encodeEvent, sseResponse, type SseChannel } from "@/lib/realtime/sse";
import { waitFor } from "@/test/support/realtime";

/**
 * The direct path's event streams (B1): frames go from the channel to the socket without a web
 * stream in between, and keep the web path's guarantees — every byte of a shared frame to every
 * stream, clean-up when the client leaves, and a consumer that stops reading is cut off rather than
 * buffered without bound (E5 resumes it).
 */
describe("E4 E5 event streams on the direct path", () => {
  const channels: SseChannel[] = [];
  const cleaned: SseChannel[] = [];
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      void serveOnNode(
        async (request) =>
          sseResponse({
            signal: request.signal,
            maxQueued: 10,
            open: async (c) => {
              channels.push(c);
              return () => cleaned.push(c);
            },
          }),
        req,
        res,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function connect(): Promise<{ res: http.IncomingMessage; req: http.ClientRequest; text: () => string }> {
    return new Promise((resolve, reject) => {
      const req = http.get(`${base}/stream`, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        resolve({ res, req, text: () => text });
      });
      req.on("error", reject);
    });
  }

  it("writes one shared frame whole to every stream, with the SSE and security headers, and cleans up when a client leaves", async () => {
    const before = channels.length;
    const [a, b] = [await connect(), await connect()];
    expect(a.res.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(a.res.headers["x-content-type-options"]).toBe("nosniff");
    await waitFor("both streams to open", () => channels.length === before + 2);
    const frame = encodeEvent({ event: "message.created", data: '{"content":"hi"}', id: 9 });
    for (const c of channels.slice(before)) c.sendFrame(frame);
    const wanted = 'event: message.created\ndata: {"content":"hi"}\nid: 9\n\n';
    await waitFor("the frame on both", () => a.text().includes(wanted) && b.text().includes(wanted));
    expect(a.text().startsWith(": connected\n\n")).toBe(true);
    a.req.destroy();
    await waitFor("the clean-up of the stream that left", () => cleaned.includes(channels[before]!));
    expect(channels[before]!.closed).toBe(true);
    expect(channels[before + 1]!.closed).toBe(false);
    b.req.destroy();
    await waitFor("the other's clean-up", () => cleaned.includes(channels[before + 1]!));
  });

  it("cuts off a consumer that stops reading instead of buffering without bound", async () => {
    const before = channels.length;
    const stalled = await connect();
    stalled.res.pause();
    await waitFor("the stream to open", () => channels.length === before + 1);
    const channel = channels[before]!;
    // 64 KB frames: the socket's buffers fill after a few megabytes, then ten more frames cut it off.
    const frame = encodeEvent({ event: "e", data: "x".repeat(64 * 1024) });
    let sent = 0;
    while (!channel.closed && sent < 2_000) {
      channel.sendFrame(frame);
      sent++;
      if (sent % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(channel.closed).toBe(true);
    expect(sent).toBeLessThan(2_000);
    expect(cleaned).toContain(channel);
    stalled.req.destroy();
  });
});
