import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { notifyFromEvent } from "@/lib/notifications/notify-from-events";
import { onCommittedEvents } from "@/lib/realtime/committed-listeners";
import { kickRealtime } from "@/lib/realtime/process-hub";
import type { StreamEvent } from "@/lib/realtime/relay";
import { runAutomationRules, type AutomationLog } from "./run-automation";

const RELEVANT = new Set(["message.created", "assignee.changed", "conversation.created", "conversation.updated"]);

/**
 * Claims events for this process (MA4): the insert of each id is the claim, so of several instances
 * (or a retry) reading the same event exactly one processes it. Returns the claimed ids with the
 * origin each event was written with.
 */
async function claimEvents(db: Db, ids: number[]): Promise<Map<number, string | null>> {
  const list = `{${ids.map((n) => Math.trunc(n)).join(",")}}`;
  const rows = await queryRows<{ id: unknown; origin: string | null }>(
    db,
    sql`with claimed as (insert into workflow_event_claims (event_id) select unnest(${list}::bigint[]) on conflict do nothing returning event_id)
        select e.id, e.origin from claimed join events e on e.id = claimed.event_id`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.origin]));
}

/**
 * The workflow processor: after commit, each relevant outbox event becomes its notifications (NT3)
 * and runs the automation rules (MA3) — except events an automation wrote (MA5). Never on the write
 * path: the request has answered before this runs. A failure is logged; the event stays claimed.
 * Returns how many events this call claimed and how many of them wrote something (a notification, or
 * a rule whose actions ran), whose own events then want delivering.
 */
export async function processCommittedEvents(db: Db, events: StreamEvent[], log: AutomationLog = console): Promise<{ claimed: number; wrote: number }> {
  const relevant = events.filter((e) => RELEVANT.has(e.type) && e.conversationId !== null);
  if (!relevant.length) return { claimed: 0, wrote: 0 };
  const claimed = await claimEvents(
    db,
    relevant.map((e) => e.id),
  );
  let wrote = 0;
  for (const e of relevant) {
    if (!claimed.has(e.id)) continue;
    let raised = 0;
    try {
      raised = await notifyFromEvent(db, e);
    } catch (err) {
      log.warn(`notifications: event ${e.id} not processed (${err instanceof Error ? err.message : String(err)})`);
    }
    const ran = claimed.get(e.id) !== "automation" ? await runAutomationRules(db, e, log) : 0;
    if (raised > 0 || ran > 0) wrote++;
  }
  return { claimed: claimed.size, wrote };
}

const globalForWorkflow = globalThis as unknown as { __parleyWorkflow?: { stop: () => void; idle: () => Promise<void> } };

/**
 * Follows the process's realtime hub (lib/realtime/committed-listeners): batches are processed one
 * after another, in the background. Idempotent; returns a function that waits until the queue is empty.
 */
export function startWorkflowProcessor(): () => Promise<void> {
  if (!globalForWorkflow.__parleyWorkflow) {
    let queue: Promise<void> = Promise.resolve();
    const stop = onCommittedEvents((events) => {
      queue = queue
        .then(async () => {
          const { wrote } = await processCommittedEvents(await getDb(), events);
          // What the batch wrote (notification.created, a rule's changes) is delivered now, not at
          // the next request's kick or the hub's poll (NT2: notifications arrive live).
          if (wrote > 0) await kickRealtime();
        })
        .catch((err: unknown) => console.warn(`workflow: batch not processed (${err instanceof Error ? err.message : String(err)})`));
    });
    globalForWorkflow.__parleyWorkflow = { stop, idle: () => queue };
  }
  return globalForWorkflow.__parleyWorkflow.idle;
}

export function stopWorkflowProcessor(): void {
  globalForWorkflow.__parleyWorkflow?.stop();
  globalForWorkflow.__parleyWorkflow = undefined;
}
