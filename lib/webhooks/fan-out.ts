import { randomUUID } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { webhookDeliveries, webhooks } from "@/db/schema";
import { streamEventColumns, toStreamEvent, type StreamEvent } from "@/lib/realtime/relay";
import { receivesEvent } from "./inbox-scope";
import { inboxTargetDeliveries } from "./inbox-targets";
import { isSendableMessage, payloadContext, webhookPayload, WEBHOOK_EVENT_OF } from "./payloads";

const FAN_OUT_BATCH = 500;

/**
 * WH2: turns positioned outbox events into delivery rows, after commit and outside the message's
 * path. One fan-out at a time across every instance: the cursor row is locked (SKIP LOCKED: a busy
 * peer means the work is being done), events after it are read in position order, their deliveries
 * written and the cursor moved in one transaction — so each event is fanned out exactly once, and a
 * crash leaves the cursor where it was. Returns how many deliveries were written.
 */
export async function fanOutEvents(db: Db, opts: { batch?: number } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const { written, more } = await db.transaction(async (tx) => {
      const [cursor] = await queryRows<{ seq: unknown }>(tx, sql`select seq from webhook_cursor where id = 1 for update skip locked`);
      if (!cursor) return { written: 0, more: false };
      const limit = opts.batch ?? FAN_OUT_BATCH;
      const raw = await queryRows<Parameters<typeof toStreamEvent>[0] & { created_at: unknown }>(
        tx,
        sql`select ${streamEventColumns}, created_at from events where seq > ${Number(cursor.seq)} order by seq limit ${limit}`,
      );
      if (raw.length === 0) return { written: 0, more: false };
      const batch = raw.map((r) => ({ ...toStreamEvent(r), createdAt: new Date(r.created_at as string) }));
      // Account webhooks, then the inboxes' own receivers (API inboxes, agent bots: AP2, AB3).
      const rows = [...(await deliveriesFor(tx, batch)), ...(await inboxTargetDeliveries(tx, batch))];
      if (rows.length) await tx.insert(webhookDeliveries).values(rows);
      await tx.execute(sql`update webhook_cursor set seq = ${batch[batch.length - 1]!.seq} where id = 1`);
      return { written: rows.length, more: raw.length === limit };
    });
    total += written;
    if (!more) return total;
  }
}

async function deliveriesFor(db: Db, batch: (StreamEvent & { createdAt: Date })[]): Promise<(typeof webhookDeliveries.$inferInsert)[]> {
  const accountIds = [...new Set(batch.map((e) => e.accountId))];
  const hooks = await db.select().from(webhooks).where(inArray(webhooks.accountId, accountIds));
  if (hooks.length === 0) return [];

  let ctx: Awaited<ReturnType<typeof payloadContext>> | undefined;
  const out: (typeof webhookDeliveries.$inferInsert)[] = [];
  for (const e of batch) {
    const name = WEBHOOK_EVENT_OF[e.type];
    if (!name) continue;
    const isMessage = name === "message_created" || name === "message_updated";
    if (isMessage && !isSendableMessage(e)) continue;
    // Subscribers of this event that existed when it happened. A private note is a message event like
    // any other and carries private: true (as Chatwoot); other agents-only events are not webhook events.
    const targets = hooks.filter((h) => h.accountId === e.accountId && h.subscriptions.includes(name) && h.createdAt <= e.createdAt && receivesEvent(h, e));
    if (targets.length === 0) continue;
    ctx ??= await payloadContext(db, batch);
    const data = await webhookPayload(ctx, e);
    if (!data) continue;
    const body = JSON.stringify({ ...data, event: name });
    for (const t of targets) {
      out.push({
        accountId: e.accountId,
        targetType: "webhook",
        targetId: t.id,
        uuid: randomUUID(),
        event: name,
        conversationId: e.conversationId,
        eventSeq: e.seq,
        body,
      });
    }
  }
  return out;
}
