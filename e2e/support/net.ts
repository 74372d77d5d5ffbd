import { createServer, type AddressInfo } from "node:net";

/** A TCP port that is free right now on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Waits until a URL answers HTTP at all (any status: a redirect or a 404 still means the server is
 * up), polling on a short interval, or until `gaveUp` resolves or the deadline passes.
 */
export async function waitForHttp(url: string, opts: { timeoutMs: number; gaveUp: Promise<unknown> }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let stopped = false;
  void opts.gaveUp.then(() => (stopped = true));
  while (!stopped) {
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${opts.timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`the server exited before ${url} answered`);
}
