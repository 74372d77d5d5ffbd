import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { CoordinationStore, Unsubscribe } from "@/lib/redis/port";
import { canReceive, type Audience } from "./audience";
import { latestCommittedSeq, listEventsAfter, relayAndRead, type StreamEvent } from "./relay";
import { replayEvents } from "./replay";
import { committedEventsRead } from "./committed-listeners";
import { checkCursor } from "./retention";

/**
 * The per-process realtime hub (E2, E5, E6). It owns one read position over the outbox and fans
 * positioned events out to local subscribers. Three things make it read:
 * - `kick()` after a commit that wrote events: relay, read, then publish a wake-up so other instances
 *   read too;
 * - that wake-up, through the coordination store's pub/sub;
 * - a safety-net poll, so delivery goes on when Redis is down (R2) or a wake-up is lost.
 * Reads are serialised, so events reach every subscriber once and in position order.
 */
export type HubOptions = {
  db: Db;
  store: CoordinationStore;
  /** Safety-net poll period (ms). */
  pollMs?: number;
  channel?: string;
  log?: Pick<Console, "warn" | "error">;
  /**
   * Called after every successful delivery pass with the events it read (often none), before they are
   * handed to the after-commit listeners: the lookup cache (lookup-cache.ts) invalidates from it and
   * takes it as proof that this instance is still following the stream.
   */
  onRead?: (events: readonly StreamEvent[]) => void;
};

export type SubscribeOptions = {
  audience: Audience;
  /** Resume after this position (`Last-Event-ID`); absent = live from now. */
  cursor?: number | null;
  onEvent(e: StreamEvent): void;
  /** The cursor cannot be resumed (pruned or unknown); the subscriber continues live from `seq`. */
  onResync?(info: { reason: "pruned" | "unknown"; seq: number }): void;
  /** Replay is done; from here on events are live. `seq` is the position reached. */
  onReady?(seq: number): void;
  /** The hub ended this subscription itself (`closeAll`): end the transport; the client resumes. */
  onClosed?(): void;
};

export type Subscription = { close(): void; readonly lastSeq: number };

export type Hub = {
  /** Relays and delivers after a commit; never rejects (a listener's failure never fails a request, E2). */
  kick(): Promise<void>;
  subscribe(opts: SubscribeOptions): Promise<Subscription>;
  readonly subscriberCount: number;
  /** The last outbox position this process has read and fanned out (delivery lag in the metrics; optional like closeAll). */
  readonly position?: number;
  /**
   * Ends every subscription of this process (a drain before a deploy, or to prove resume end to end);
   * each subscriber's `onClosed` runs, so its stream closes and the client reconnects with
   * Last-Event-ID. The hub itself keeps running. Returns how many were closed. (Optional in the type
   * so test doubles that only kick need not implement it; createHub always does.)
   */
  closeAll?(): number;
  close(): Promise<void>;
};

type Entry = {
  opts: SubscribeOptions;
  live: boolean;
  buffer: StreamEvent[];
  lastSeq: number;
};

const DEFAULT_CHANNEL = "realtime:events";
const READ_BATCH = 1000;

export function createHub(options: HubOptions): Hub {
  const { db, store } = options;
  const log = options.log ?? console;
  const channel = options.channel ?? DEFAULT_CHANNEL;
  const instance = randomUUID();
  const byAccount = new Map<number, Set<Entry>>();
  const byContactInbox = new Map<number, Set<Entry>>();
  let count = 0;
  let position = 0;
  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;
  let relayAgain = false;
  let unsubscribeWake: Unsubscribe | null = null;
  let wakeSubscribing = false;

  const keysOf = (a: Audience): [Map<number, Set<Entry>>, number[]] => (a.kind === "agent" ? [byAccount, a.accounts.map((x) => x.accountId)] : [byContactInbox, a.contactInboxIds]);

  function register(entry: Entry) {
    const [index, keys] = keysOf(entry.opts.audience);
    for (const key of keys) {
      let set = index.get(key);
      if (!set) index.set(key, (set = new Set()));
      set.add(entry);
    }
    count++;
  }

  function unregister(entry: Entry) {
    const [index, keys] = keysOf(entry.opts.audience);
    let found = false;
    for (const key of keys) {
      const set = index.get(key);
      if (set?.delete(entry)) found = true;
      if (set?.size === 0) index.delete(key);
    }
    if (found) count--;
  }

  function deliver(entry: Entry, e: StreamEvent) {
    if (e.seq <= entry.lastSeq) return; // already replayed: exactly once
    entry.lastSeq = e.seq;
    try {
      entry.opts.onEvent(e);
    } catch (err) {
      log.error("realtime: subscriber failed", err);
    }
  }

  function fanOut(e: StreamEvent) {
    const candidates = [byAccount.get(e.accountId), e.contactInboxId === null ? undefined : byContactInbox.get(e.contactInboxId)];
    for (const set of candidates) {
      if (!set) continue;
      for (const entry of set) {
        if (!canReceive(entry.opts.audience, e)) continue;
        if (entry.live) deliver(entry, e);
        else entry.buffer.push(e);
      }
    }
  }

  function observed(events: readonly StreamEvent[]) {
    try {
      options.onRead?.(events);
    } catch (err) {
      log.error("realtime: onRead failed", err);
    }
  }

  async function readNew() {
    for (;;) {
      const batch = await listEventsAfter(db, position, READ_BATCH);
      if (batch.length) observed(batch);
      for (const e of batch) {
        position = e.seq;
        fanOut(e);
      }
      if (batch.length) committedEventsRead(batch);
      if (batch.length < READ_BATCH) return;
    }
  }

  // While Redis or the database is down every kick and poll would fail the same way: log changes of
  // state, not each failure.
  const failing = new Set<string>();
  const failed = (what: string, err: unknown) => {
    if (!failing.has(what)) log.warn(`realtime: ${what} failing (${message(err)}); the poll keeps delivering`);
    failing.add(what);
  };
  const recovered = (what: string) => {
    if (failing.delete(what)) log.warn(`realtime: ${what} recovered`);
  };

  // B2: one wake-up in flight at a time. A wake-up only makes other instances read from where they
  // are (the position in it is informational), so passes that relay while one is on its way are
  // covered by a single follow-up sent when it settles — one Redis round trip (an HTTP request through
  // the REST bridge) per round trip's worth of messages instead of one per pass. Every store command
  // has a deadline (R2), so a wake-up in flight always settles.
  let publishing = false;
  let publishAgain = false;
  function publishWake() {
    if (publishing) {
      publishAgain = true;
      return;
    }
    publishing = true;
    store
      .publish(channel, `${instance} ${position}`)
      .then(
        () => recovered("wake-up publish"),
        (err: unknown) => failed("wake-up publish", err),
      )
      .finally(() => {
        publishing = false;
        if (publishAgain && !closed) {
          publishAgain = false;
          publishWake();
        }
      });
  }

  /** One read loop at a time; a request arriving meanwhile makes the loop go round once more. */
  function pump(relay: boolean): Promise<void> {
    relayAgain ||= relay;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const doRelay = relayAgain;
        relayAgain = false;
        try {
          // B1: a kick relays and reads in one round trip; a full batch either way goes round again.
          let relayed = 0;
          if (doRelay) {
            const got = await relayAndRead(db, position, READ_BATCH);
            relayed = got.relayed;
            if (got.events.length) observed(got.events);
            for (const e of got.events) {
              position = e.seq;
              fanOut(e);
            }
            if (got.events.length) committedEventsRead(got.events);
            if (got.relayed === READ_BATCH) relayAgain = again = true;
            if (got.events.length === READ_BATCH) await readNew();
          } else await readNew();
          observed([]);
          recovered("delivery pass");
          if (relayed > 0) publishWake();
        } catch (err) {
          failed("delivery pass", err);
        }
      } while (again && !closed);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  async function subscribeWake() {
    if (unsubscribeWake || wakeSubscribing || closed) return;
    wakeSubscribing = true;
    try {
      const unsubscribe = await store.subscribe(channel, (msg) => {
        if (!msg.startsWith(`${instance} `)) void pump(false);
      });
      if (closed) await unsubscribe();
      else unsubscribeWake = unsubscribe;
      recovered("wake-up subscription");
    } catch (err) {
      failed("wake-up subscription", err);
    } finally {
      wakeSubscribing = false;
    }
  }

  // Where to start listening. Retried until it succeeds: a database that is down when the first
  // stream opens must not leave the hub broken until a restart (R3).
  let starting: Promise<void> | null = null;
  const started = () =>
    (starting ??= latestCommittedSeq(db).then(
      async (seq) => {
        position = seq;
        // Waited for once, so a first subscriber hears other instances from the start; a store that
        // is down only costs this attempt (it fails fast) and the poll retries it.
        await subscribeWake();
      },
      (err: unknown) => {
        starting = null;
        throw err;
      },
    ));
  started().then(
    () => recovered("hub start"),
    (err: unknown) => failed("hub start", err),
  );
  // The safety net: relay and read even when no wake-up arrives; retry the wake-up subscription.
  const timer = setInterval(() => {
    started().then(
      () => {
        void subscribeWake();
        return pump(true);
      },
      () => undefined,
    );
  }, options.pollMs ?? 1000);
  timer.unref?.();

  return {
    get subscriberCount() {
      return count;
    },

    get position() {
      return position;
    },

    async kick() {
      try {
        await started();
        await pump(true);
      } catch (err) {
        failed("hub start", err);
      }
    },

    async subscribe(opts) {
      await started();
      // Attach to the live feed first and buffer, then replay, then flush what the buffer holds
      // beyond the replay: nothing committed in between can fall into the gap.
      const entry: Entry = { opts, live: false, buffer: [], lastSeq: position };
      register(entry);
      try {
        if (opts.cursor !== null && opts.cursor !== undefined) {
          const check = await checkCursor(db, opts.cursor);
          if (check.ok) {
            entry.lastSeq = opts.cursor;
            await replayEvents(db, opts.audience, opts.cursor, (e) => deliver(entry, e));
            // A prune racing the replay could have taken events the replay never saw: say so.
            const after = await checkCursor(db, opts.cursor);
            if (!after.ok) opts.onResync?.({ reason: after.reason, seq: entry.lastSeq });
          } else {
            opts.onResync?.({ reason: check.reason, seq: entry.lastSeq });
          }
        }
        opts.onReady?.(entry.lastSeq);
        entry.live = true;
        for (const e of entry.buffer) deliver(entry, e);
        entry.buffer = [];
      } catch (err) {
        unregister(entry);
        throw err;
      }
      return {
        close: () => unregister(entry),
        get lastSeq() {
          return entry.lastSeq;
        },
      };
    },

    closeAll() {
      const entries = new Set<Entry>();
      for (const index of [byAccount, byContactInbox]) for (const set of index.values()) for (const entry of set) entries.add(entry);
      for (const entry of entries) {
        unregister(entry);
        try {
          entry.opts.onClosed?.();
        } catch (err) {
          log.error("realtime: subscriber failed to close", err);
        }
      }
      return entries.size;
    },

    async close() {
      closed = true;
      clearInterval(timer);
      await starting?.catch(() => undefined);
      await running;
      await unsubscribeWake?.().catch(() => undefined);
      unsubscribeWake = null;
    },
  };
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
