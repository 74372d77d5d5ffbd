import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "@/test/support/realtime";
import { formatEvent } from "./sse";
import { connectStream, type StreamClient, type StreamMessage, type StreamState } from "./stream-client";

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/** A tiny SSE server whose n-th connection is answered by `handler`. */
async function serve(handler: Handler): Promise<{ url: string; requests: IncomingMessage[]; server: Server }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handler(req, res, requests.length);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`, requests, server };
}

const open = (res: ServerResponse) => res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });

describe("stream client (fetch-based SSE, E4/E5)", () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const fn of cleanup.splice(0)) fn();
  });
  function track(client: StreamClient, server: Server) {
    cleanup.push(() => {
      client.close();
      server.closeAllConnections();
      server.close();
    });
  }

  it("parses events, sends its headers, and resumes with Last-Event-ID after the connection drops", async () => {
    const { url, requests, server } = await serve((_req, res, n) => {
      open(res);
      if (n === 1) {
        res.write(formatEvent({ event: "message.created", data: '{"n":1}', id: 1 }));
        res.write(formatEvent({ event: "message.created", data: '{"n":2}', id: 2 }), () => res.destroy());
      } else {
        res.write(": heartbeat\n\n");
        res.write(formatEvent({ event: "message.updated", data: '{"n":3}', id: 3 }));
      }
    });
    const got: StreamMessage[] = [];
    const states: StreamState[] = [];
    let jitterCalls = 0;
    const client = connectStream({
      url,
      headers: () => ({ "X-Auth-Token": "secret-token" }),
      onMessage: (m) => got.push(m),
      onState: (s) => states.push(s),
      random: () => (jitterCalls++, 0),
    });
    track(client, server);
    await waitFor("three events", () => got.length === 3);
    expect(got).toEqual([
      { event: "message.created", data: '{"n":1}', id: "1" },
      { event: "message.created", data: '{"n":2}', id: "2" },
      { event: "message.updated", data: '{"n":3}', id: "3" },
    ]);
    expect(requests[0]!.headers["last-event-id"]).toBeUndefined();
    expect(requests[1]!.headers["last-event-id"]).toBe("2");
    expect(requests.every((r) => r.headers["x-auth-token"] === "secret-token" && r.url === "/stream")).toBe(true);
    expect(states).toEqual(["connecting", "live", "reconnecting", "live"]);
    expect(jitterCalls).toBe(1);
    expect(client.lastEventId).toBe("3");
  });

  it("starts from a given id, retries server errors with backoff, and stops on a refusal", async () => {
    const { url, requests, server } = await serve((_req, res, n) => {
      if (n === 1) return void res.writeHead(503).end();
      if (n === 2) return void res.writeHead(401).end();
      open(res);
    });
    const fatal: number[] = [];
    const delays: number[] = [];
    const client = connectStream({
      url,
      lastEventId: "41",
      minDelayMs: 10,
      onMessage: () => undefined,
      onFatal: (s) => fatal.push(s),
      random: () => {
        delays.push(1);
        return 0.5;
      },
    });
    track(client, server);
    await waitFor("the refusal", () => fatal.length === 1);
    expect(fatal).toEqual([401]);
    expect(requests.map((r) => r.headers["last-event-id"])).toEqual(["41", "41"]);
    expect(delays).toHaveLength(1);
  });

  it("treats a silent connection as dead and reconnects", async () => {
    const { url, requests, server } = await serve((_req, res, n) => {
      open(res);
      if (n === 1) res.write(formatEvent({ event: "ready", data: "{}", id: 5 }));
      else res.write(formatEvent({ event: "message.created", data: "{}", id: 6 }));
    });
    const got: StreamMessage[] = [];
    // Long enough that a loaded machine answers the first request inside it (else the client rightly
    // gives up before "ready" and resumes from nothing), short enough to keep the test quick.
    const client = connectStream({ url, idleTimeoutMs: 1_000, random: () => 0, onMessage: (m) => got.push(m) });
    track(client, server);
    await waitFor("the event after reconnecting", () => got.length === 2);
    expect(requests[1]!.headers["last-event-id"]).toBe("5");
  });
});
