import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: IncomingHttpHeaders; body: string; json: Record<string, unknown> };

/**
 * A local HTTP receiver for what Parley POSTs (webhooks, API inboxes, agent bots): records every
 * request; `respond` decides each status (200 by default). It listens on 127.0.0.1, which WH4 refuses
 * unless WEBHOOK_ALLOW_PRIVATE is set — the suites using it set it.
 */
export function webhookReceiver() {
  const got: Received[] = [];
  let respond: (r: Received) => number = () => 200;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const r = { headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown> };
      got.push(r);
      const status = respond(r);
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : `nope ${status}`);
    });
  });
  return {
    got,
    /** Only the requests for one event. */
    events: (name: string) => got.filter((r) => r.json.event === name),
    answer: (f: (r: Received) => number) => void (respond = f),
    reset: () => {
      got.length = 0;
      respond = () => 200;
    },
    start: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The receiver side of WH3, as docs/webhooks.md shows it. */
export function verifySignature(secret: string, r: Received): boolean {
  const expected = `sha256=${createHmac("sha256", secret).update(`${r.headers["x-parley-timestamp"]}.${r.body}`).digest("hex")}`;
  return r.headers["x-parley-signature"] === expected;
}
