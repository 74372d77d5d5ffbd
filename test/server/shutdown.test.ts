import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerStats } from "@/lib/server/state";
import { waitFor } from "@/test/support/realtime";

/**
 * SIGTERM over real sockets (docs/operations.md "Deploying"): the fixture runs the production
 * server's own code (lib/server) in a child process; clients hold it every way a deploy meets them.
 * The process must exit 0 within the grace plus 2 s, finishing what can finish and cutting the rest.
 */
const GRACE_MS = 2_000;
let child: ChildProcess | undefined;
const sockets: net.Socket[] = [];

afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
});

async function startFixture(env: Record<string, string> = {}): Promise<{ port: number; output: () => string; exited: Promise<number | null> }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "test/server/fixture-server.ts"], {
    env: { ...process.env, SHUTDOWN_GRACE_MS: String(GRACE_MS), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let output = "";
  proc.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  proc.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  await waitFor("the fixture server to listen", () => /^ready \d+$/m.test(output), 30_000);
  const port = Number(/^ready (\d+)$/m.exec(output)![1]);
  return { port, output: () => output, exited };
}

/** A raw connection that records what it receives and when it closes. */
function rawClient(port: number, send: string) {
  const socket = net.connect(port, "127.0.0.1");
  sockets.push(socket);
  let received = "";
  let closedAt: number | undefined;
  socket.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));
  socket.on("error", () => undefined);
  socket.on("close", () => (closedAt = Date.now()));
  socket.write(send);
  return { socket, received: () => received, closedAt: () => closedAt };
}

const stats = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/stats`, { headers: { connection: "close" } })).json()) as ServerStats;

describe("shutdown on SIGTERM (issue: the process never exited)", () => {
  it("exits 0 within grace + 2 s past a stalled upload, a slow and a hung handler, an open stream, an idle keep-alive and a hung close", async () => {
    const { port, output, exited } = await startFixture({ FIXTURE_HANGING_CLOSE: "1" });
    const stalled = rawClient(port, `POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n${"x".repeat(500)}`);
    const slow = rawClient(port, "GET /slow?ms=1200 HTTP/1.1\r\nHost: t\r\n\r\n");
    const hung = rawClient(port, "GET /hang HTTP/1.1\r\nHost: t\r\n\r\n");
    const stream = rawClient(port, "GET /api/v1/stream HTTP/1.1\r\nHost: t\r\n\r\n");
    const idle = rawClient(port, "GET /ok HTTP/1.1\r\nHost: t\r\n\r\n"); // keep-alive by default in HTTP/1.1
    await waitFor("the idle connection's answer", () => idle.received().includes("\r\n\r\nok"));
    await waitFor("the stream to be live", () => stream.received().includes(": connected"));
    // Everything in place: five client sockets (and the stats request's own), four requests in flight.
    await waitFor("every client to be in flight", async () => {
      const s = await stats(port);
      return s.inFlight === 5 && s.streams.operator === 1; // the stats request counts itself
    });

    const signalled = Date.now();
    child!.kill("SIGTERM");
    const code = await exited;
    const took = Date.now() - signalled;

    expect(code).toBe(0);
    expect(took).toBeLessThan(GRACE_MS + 2_000);
    // The slow handler finished inside the grace; the stream ended cleanly (the chunked body's end).
    expect(slow.received()).toMatch(/^HTTP\/1\.1 200[\s\S]*\r\nConnection: close\r\n[\s\S]*slow done/);
    expect(stream.received()).toMatch(/0\r\n\r\n$/);
    // The idle keep-alive connection closed at once, not at the end of the grace.
    expect(idle.closedAt()! - signalled).toBeLessThan(1_000);
    // The stalled upload and the hung handler were cut when the grace ran out, no earlier.
    for (const cut of [stalled, hung]) {
      expect(cut.received()).toBe("");
      expect(cut.closedAt()! - signalled).toBeGreaterThanOrEqual(GRACE_MS - 50);
    }
    const log = output();
    expect(log).toMatch(/"msg":"draining: health answers 503/);
    expect(log).toMatch(/"forced":2,"msg":"grace over: remaining connections destroyed"/);
    // The database's close hung: abandoned when the budget ran out, the store's close then skipped.
    expect(log).toMatch(/"msg":"shutdown: database not closed cleanly"/);
    expect(log).toMatch(/"msg":"shutdown: store not closed \(no time left\)"/);
    await expect(fetch(`http://127.0.0.1:${port}/ok`)).rejects.toThrow();
  });

  it("with SHUTDOWN_DELAY_MS, answers health 503 while still serving, then exits as soon as nothing is left", async () => {
    const delayMs = 800;
    const { port, exited } = await startFixture({ SHUTDOWN_DELAY_MS: String(delayMs) });
    const idle = rawClient(port, "GET /ok HTTP/1.1\r\nHost: t\r\n\r\n");
    await waitFor("the idle connection's answer", () => idle.received().includes("\r\n\r\nok"));
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);

    const signalled = Date.now();
    child!.kill("SIGTERM");
    // A load balancer's next check sees the drain, on a new connection; traffic still in flight is served.
    await waitFor("health to say draining", async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 503);
    expect(await (await fetch(`http://127.0.0.1:${port}/ok`)).text()).toBe("ok");
    expect(await exited).toBe(0);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(delayMs);
    // Nothing was in flight after the delay: no waiting for the grace.
    expect(took).toBeLessThan(delayMs + 1_000);
    expect(idle.closedAt()).toBeDefined();
  });
});
