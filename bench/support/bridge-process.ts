/**
 * The Upstash-REST bridge to redis-server in a process of its own, so the benchmark's event loop
 * (50 assignments in flight) does not also serve the bridge's HTTP — Redis is another machine in a
 * real deployment. Prints `{"url","token"}` on one line once listening; stops with its parent.
 */
import { startUpstashBridge } from "@/test/support/upstash-bridge";
import { TEST_REDIS_URL } from "@/test/support/stores";

startUpstashBridge({ redisUrl: TEST_REDIS_URL }).then(
  (bridge) => {
    process.stdout.write(`${JSON.stringify({ url: bridge.url, token: bridge.token })}\n`);
    const stop = () => void bridge.close().finally(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("disconnect", stop);
    process.stdin.on("end", stop);
    process.stdin.resume();
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
