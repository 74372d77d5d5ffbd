import type { Database } from "@/db/client";
import { outboxLag, RELAY_STALLED_SECONDS } from "@/lib/observability/outbox-lag";
import type { CoordinationStore } from "@/lib/redis/port";

export type Health = {
  status: "ok" | "degraded" | "down" | "draining";
  /** The server is shutting down: load balancers should stop sending (answered 503 at once, no probes). */
  draining: boolean;
  database?: "ok" | "down";
  coordination?: "ok" | "down";
  store: CoordinationStore["kind"];
  /** `?deep=1` only: whether the outbox relay is advancing (E5), and its lag. */
  relay?: { status: "ok" | "stalled" | "down"; lagSeconds?: number };
};

const PING_TIMEOUT_MS = 2_000;

export type HealthDeps = {
  database: () => Promise<Database>;
  store: () => CoordinationStore;
  draining?: () => boolean;
};

/**
 * R2/R3: the database is essential (down → "down", served as 503); the coordination store is not
 * (Redis down → "degraded": messages still flow, assignment waits for the sweep). Each probe is
 * bounded, so a black-holed host answers in seconds rather than hanging the load balancer's check.
 * A draining server answers "draining" at once. `deep` also checks that the relay is advancing (no
 * committed event left unpositioned for RELAY_STALLED_SECONDS) — for monitoring, not for load
 * balancers: a stalled relay is shared by every instance.
 */
export async function checkHealth(deps: HealthDeps, opts: { deep?: boolean } = {}): Promise<Health> {
  const kind = storeKind(deps.store);
  if (deps.draining?.()) return { status: "draining", draining: true, store: kind };
  const [db, coordination, relay] = await Promise.all([
    probe(async () => (await deps.database()).ping()),
    probe(async () => deps.store().ping()),
    opts.deep ? relayHealth(deps.database) : Promise.resolve(undefined),
  ]);
  const status = db === "down" || relay?.status === "stalled" ? "down" : coordination === "down" ? "degraded" : "ok";
  return { status, draining: false, database: db, coordination, store: kind, ...(relay ? { relay } : {}) };
}

/** The HTTP status a health answer is served with. */
export function healthStatusCode(health: Health): number {
  return health.status === "down" || health.status === "draining" ? 503 : 200;
}

async function relayHealth(database: () => Promise<Database>): Promise<NonNullable<Health["relay"]>> {
  try {
    const { relaySeconds } = await withTimeout(database().then((d) => outboxLag(d.db)));
    return { status: relaySeconds > RELAY_STALLED_SECONDS ? "stalled" : "ok", lagSeconds: Math.round(relaySeconds * 10) / 10 };
  } catch {
    return { status: "down" };
  }
}

function storeKind(store: () => CoordinationStore): CoordinationStore["kind"] {
  try {
    return store().kind;
  } catch {
    return "memory";
  }
}

async function probe(check: () => Promise<void>): Promise<"ok" | "down"> {
  try {
    await withTimeout(check());
    return "ok";
  } catch {
    return "down";
  }
}

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
