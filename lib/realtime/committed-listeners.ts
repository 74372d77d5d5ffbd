import type { StreamEvent } from "./relay";

/**
 * Work that follows committed outbox events in this process (the workflow processor: notifications and
 * automation rules, NT3/MA4). The hub hands each batch it reads here after fanning it out; listeners
 * must return at once (they queue their own work), so delivery to streams never waits for them.
 * A registry rather than an import, so lib/realtime does not depend on the domains that listen.
 */
export type CommittedListener = (events: StreamEvent[]) => void;

const globalForListeners = globalThis as unknown as { __parleyCommittedListeners?: Set<CommittedListener> };
const listeners = (globalForListeners.__parleyCommittedListeners ??= new Set());

/** Registers a listener (once per function); returns its removal. */
export function onCommittedEvents(listener: CommittedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function committedEventsRead(events: StreamEvent[]): void {
  for (const listener of listeners) {
    try {
      listener(events);
    } catch (err) {
      console.error("realtime: committed-events listener failed", err);
    }
  }
}
