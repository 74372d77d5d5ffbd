import http from "node:http";
import type { AddressInfo } from "node:net";
import { createDirectRouter, type DirectRouter } from "@/lib/http/direct-routes";

/**
 * The production server's router (lib/http/direct-routes.ts) on a real loopback socket, with a
 * fallback that stands for Next: it answers 418 and records what reached it.
 */
export async function startDirectServer(): Promise<{ router: DirectRouter; server: http.Server; base: string; fallbackHits: string[]; close(): Promise<void> }> {
  const fallbackHits: string[] = [];
  const router = createDirectRouter((req, res) => {
    fallbackHits.push(`${req.method} ${req.url}`);
    res.writeHead(418).end();
  });
  const server = http.createServer(router.listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    router,
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fallbackHits,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
