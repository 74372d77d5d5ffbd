import type { Database } from "@/db/client";
import type { CoordinationStore } from "@/lib/redis/port";

export type Health = {
  status: "ok" | "degraded" | "down";
  database: "ok" | "down";
  coordination: "ok" | "down";
  store: CoordinationStore["kind"];
};

const PING_TIMEOUT_MS = 2_000;

/**
 * R2/R3: the database is essential (down → "down", served as 503); the coordination store is not
 * (Redis down → "degraded": messages still flow, assignment waits for the sweep). Each probe is
 * bounded, so a black-holed host answers in seconds rather than hanging the load balancer's check.
 */
export async function checkHealth({ database, store }: { database: () => Promise<Database>; store: () => CoordinationStore }): Promise<Health> {
  const [db, coordination] = await Promise.all([probe(async () => (await database()).ping()), probe(async () => store().ping())]);
  let kind: CoordinationStore["kind"];
  try {
    kind = store().kind;
  } catch {
    kind = "memory";
  }
  return {
    status: db === "down" ? "down" : coordination === "down" ? "degraded" : "ok",
    database: db,
    coordination,
    store: kind,
  };
}

async function probe(check: () => Promise<void>): Promise<"ok" | "down"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return "ok";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}
