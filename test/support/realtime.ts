import type { Db } from "@/db/client";
import { events } from "@/db/schema";
import type { Hub, SubscribeOptions, Subscription } from "@/lib/realtime/hub";
import type { StreamEvent } from "@/lib/realtime/relay";

/** Realtime test helpers: outbox rows straight into the table, and subscribers that record what they get. */
export type EventInput = {
  accountId: number;
  type?: string;
  inboxId?: number | null;
  conversationId?: number | null;
  contactInboxId?: number | null;
  private?: boolean;
  payload?: Record<string, unknown>;
};

export async function insertEvent(db: Db, e: EventInput): Promise<number> {
  const [row] = await db
    .insert(events)
    .values({
      accountId: e.accountId,
      type: e.type ?? "message.created",
      inboxId: e.inboxId ?? null,
      conversationId: e.conversationId ?? null,
      contactInboxId: e.contactInboxId ?? null,
      private: e.private ?? false,
      payload: e.payload ?? {},
    })
    .returning({ id: events.id });
  return row!.id;
}

/** Polls a condition until it holds (bounded); the failure names what was awaited. */
export async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export type Recorder = {
  events: StreamEvent[];
  resyncs: { reason: string; seq: number }[];
  ready: number[];
  subscription: Subscription;
  /** Markers (payload.n) received, in order. */
  markers(): unknown[];
};

/** Subscribes and records everything delivered. */
export async function record(hub: Hub, opts: Omit<SubscribeOptions, "onEvent" | "onResync" | "onReady">): Promise<Recorder> {
  const rec = { events: [] as StreamEvent[], resyncs: [] as { reason: string; seq: number }[], ready: [] as number[] };
  const subscription = await hub.subscribe({
    ...opts,
    onEvent: (e) => rec.events.push(e),
    onResync: (r) => rec.resyncs.push(r),
    onReady: (s) => rec.ready.push(s),
  });
  return { ...rec, subscription, markers: () => rec.events.map((e) => e.payload.n) };
}

/**
 * A `fetch` that calls a route handler in-process and behaves like a server on client disconnect:
 * when the caller aborts, the response body is cancelled (as Next does when the socket closes), which
 * is what ends an SSE stream's subscription. The abort is not passed through `Request.signal`: on
 * Node 20 (undici 6) a Request's signal follows its parent only weakly and stops following after a
 * garbage collection, so a test relying on it leaks subscriptions under memory pressure.
 */
export function inProcessFetch(run: (req: Request) => Promise<Response>): typeof fetch {
  return async (input, init) => {
    const { signal, ...rest } = init ?? {};
    const res = await run(new Request(String(input), rest));
    if (!res.body || !signal) return res;
    const reader = res.body.getReader();
    const cancel = () => void reader.cancel(signal.reason).catch(() => undefined);
    if (signal.aborted) cancel();
    else signal.addEventListener("abort", cancel, { once: true });
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
