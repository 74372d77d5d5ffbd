import { openedDatabase } from "@/db/client";
import { startedRealtimeHub } from "@/lib/realtime/process-hub";
import { serverStats } from "@/lib/server/state";
import { metrics } from "./metrics";
import { outboxLag } from "./outbox-lag";

/**
 * One scrape of GET /api/metrics: the gauges read at scrape time (server counters, hub, pool, outbox
 * lag) are set, then the registry is rendered in Prometheus text format. Nothing is opened for it:
 * a database or hub that has not started yet is skipped, and a failing lag query leaves those gauges
 * as they were rather than failing the scrape.
 */
export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const server = serverStats();
  if (server) {
    m.sockets.set(server.sockets);
    m.inFlight.set(server.inFlight);
    for (const [kind, n] of Object.entries(server.streams)) m.streams.set({ kind }, n);
  }
  const hub = await startedRealtimeHub()?.catch(() => undefined);
  if (hub) m.subscribers.set(hub.subscriberCount);
  const database = await openedDatabase()?.catch(() => undefined);
  const pool = database?.poolStats?.();
  if (pool) {
    m.poolConnections.set({ state: "in_use" }, pool.total - pool.idle);
    m.poolConnections.set({ state: "idle" }, pool.idle);
    m.poolConnections.set({ state: "waiting" }, pool.waiting);
  }
  if (database) {
    try {
      const lag = await outboxLag(database.db, hub?.position);
      m.relayLag.set(lag.relaySeconds);
      if (lag.deliverySeconds !== undefined) m.deliveryLag.set(lag.deliverySeconds);
    } catch {
      // The database is unreachable: /api/health says so; the scrape still reports the rest.
    }
  }
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
