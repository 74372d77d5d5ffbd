import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIp, PEER_HEADER } from "./client-ip";
import { installPeerAddressHook } from "./peer-address-hook";

/**
 * The `next dev` path (docs/security.md §2): a node:http server that knows nothing of Parley — as
 * Next's own dev server — still hands its handler the socket's address once the hook is installed.
 */
describe("peer address hook for servers Parley does not own", () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    // Created before the hook is installed, as Next's server is before instrumentation runs.
    server = http.createServer((req, res) => res.end(JSON.stringify({ ip: clientIp(req.headers as Record<string, string>, 0) })));
    installPeerAddressHook();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => new Promise((resolve) => server.close(resolve)));

  const ipSeen = (from: string, headers: Record<string, string>) =>
    new Promise<string>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, localAddress: from, headers, agent: false }, (res) => {
          let text = "";
          res.setEncoding("utf8").on("data", (c: string) => (text += c));
          res.on("end", () => resolve((JSON.parse(text) as { ip: string }).ip));
        })
        .on("error", reject);
    });

  it("records the source address and replaces forged headers", async () => {
    expect(await ipSeen("127.0.0.2", { "x-forwarded-for": "9.9.9.9" })).toBe("127.0.0.2");
    expect(await ipSeen("127.0.0.3", { [PEER_HEADER]: "guess 9.9.9.9" })).toBe("127.0.0.3");
  });
});
