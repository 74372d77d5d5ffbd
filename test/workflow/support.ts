import { relayEvents, listEventsAfter } from "@/lib/realtime/relay";
import type { Db } from "@/db/client";
import { processCommittedEvents } from "@/lib/workflow/process-events";

/**
 * What the process's hub does after a commit, for tests whose hub is a stand-in: position the new
 * outbox rows and hand them to the workflow processor. Returns the events it read.
 */
export function workflowDriver(db: Db) {
  let position = 0;
  const warnings: string[] = [];
  const log = { warn: (m: string) => void warnings.push(m) };
  return {
    warnings,
    async read() {
      await relayEvents(db);
      const batch = await listEventsAfter(db, position, 10_000);
      if (batch.length) position = batch.at(-1)!.seq;
      return batch;
    },
    /** Relays and processes until nothing new appears (a rule's own events included). */
    async settle() {
      for (let round = 0; round < 10; round++) {
        const batch = await this.read();
        if (!batch.length) return;
        await processCommittedEvents(db, batch, log);
      }
      throw new Error("workflow did not settle");
    },
  };
}
