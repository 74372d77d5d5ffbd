import { spawn, type ChildProcess } from "node:child_process";
import Redis from "ioredis";
import { waitFor } from "@/test/support/realtime";
import { freePort } from "./private-postgres";

/**
 * A redis-server of R2's own on a free port, which the suite kills and starts again — never the shared
 * one on 6379. No persistence: coming back is coming back empty, as a restarted cache would.
 */
export type PrivateRedis = { url: string; port: number; start(): Promise<void>; stop(): Promise<void> };

async function answers(port: number): Promise<boolean> {
  const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"], { stdio: "ignore" });
      await waitFor(`redis-server on ${port}`, () => answers(port), 10_000);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGKILL");
      await exited;
    },
  };
  await redis.start();
  return redis;
}
