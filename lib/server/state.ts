/**
 * What the node:http server (lib/server/http-server.ts) tells the app about itself: whether it is
 * draining (health answers 503 so load balancers stop sending) and its live counters (metrics, and
 * the tests that prove every request ends). On globalThis: the server and the app's bundle each load
 * this module.
 */
export type ServerStats = {
  /** TCP connections open now. */
  sockets: number;
  /** Requests received whose response has not finished or been abandoned. */
  inFlight: number;
  /** Event streams open now, by kind ("operator", "widget"). */
  streams: Record<string, number>;
};

type State = { draining: boolean; stats?: () => ServerStats };
const KEY = Symbol.for("parley.serverState");
const slot = globalThis as unknown as { [KEY]?: State };
const state = (slot[KEY] ??= { draining: false });

export function isDraining(): boolean {
  return state.draining;
}

export function setDraining(draining: boolean): void {
  state.draining = draining;
}

/** The running server's counters; undefined outside it (next dev, tests that call handlers directly). */
export function serverStats(): ServerStats | undefined {
  return state.stats?.();
}

export function provideServerStats(stats: (() => ServerStats) | undefined): void {
  state.stats = stats;
}
