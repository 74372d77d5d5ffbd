import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhooks, WEBHOOK_EVENTS, type Webhook, type WebhookEvent, type WebhookDelivery } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { uniqueViolation } from "@/lib/pg-errors";
import { recordId, trimmedText } from "@/lib/validation";
import { assertWebhookInbox } from "./inbox-scope";
import { savedUrlProblem } from "./url-guard";

const wrapped = (v: unknown) => {
  if (typeof v !== "object" || v === null) return v;
  const inner = (v as Record<string, unknown>).webhook;
  return typeof inner === "object" && inner !== null ? { ...v, ...inner } : v;
};

const urlField = z
  .string("can't be blank")
  .trim()
  .min(1, "can't be blank")
  .max(2048, "is too long (maximum is 2048 characters)")
  .superRefine((v, ctx) => {
    const problem = savedUrlProblem(v, env().WEBHOOK_ALLOW_PRIVATE);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const fields = z.object({
  url: urlField,
  name: trimmedText(255).nullable().optional(),
  // Chatwoot's validation: a non-empty array of known events (duplicates dropped).
  subscriptions: z
    .array(z.string("is invalid"), "is invalid")
    .min(1, "is invalid")
    .refine((s) => s.every((e) => (WEBHOOK_EVENTS as readonly string[]).includes(e)), "is invalid")
    .transform((s) => [...new Set(s)] as WebhookEvent[]),
  // WH7: Chatwoot v4's inbox-scoped webhook; null (or absent on create) = every inbox.
  inbox_id: recordId.nullable().optional(),
});

/** WH1: Chatwoot's body, `{webhook: {url, name, subscriptions}}` or the same fields at the top level. */
export const webhookSchema = z.preprocess(wrapped, fields);
export const webhookUpdateSchema = z.preprocess(wrapped, fields.partial());
export type WebhookInput = z.output<typeof fields>;

/** Chatwoot's `_webhook.json.jbuilder`. The secret is never part of it (shown once: `withSecret`). */
export function presentWebhook(h: Webhook) {
  return { id: h.id, name: h.name, url: h.url, account_id: h.accountId, subscriptions: h.subscriptions };
}

/** Create and rotate answer with the secret, the only times it is shown (WH3). */
export const withSecret = (h: Webhook) => ({ ...presentWebhook(h), secret: h.secret });

/** A new signing secret: 32 random bytes, hex, prefixed so it is recognisable in a receiver's config. */
export const newSecret = () => `whsec_${randomBytes(32).toString("hex")}`;

export async function listWebhooks(db: Db, { accountId }: { accountId: number }): Promise<Webhook[]> {
  return db.select().from(webhooks).where(eq(webhooks.accountId, accountId)).orderBy(webhooks.id);
}

export async function getWebhook(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<Webhook> {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, id), eq(webhooks.accountId, accountId)));
  if (!row) throw AppError.notFound();
  return row;
}

export async function createWebhook(db: Db, { accountId, input }: { accountId: number; input: WebhookInput }): Promise<Webhook> {
  await assertWebhookInbox(db, { accountId, inboxId: input.inbox_id });
  return uniqueUrl(
    async () =>
      (
        await db
          .insert(webhooks)
          .values({ accountId, url: input.url, name: input.name || null, subscriptions: input.subscriptions, secret: newSecret(), inboxId: input.inbox_id ?? null })
          .returning()
      )[0]!,
  );
}

export async function updateWebhook(db: Db, { accountId, id, input }: { accountId: number; id: number; input: Partial<WebhookInput> }): Promise<Webhook> {
  await assertWebhookInbox(db, { accountId, inboxId: input.inbox_id });
  const [row] = await uniqueUrl(() =>
    db
      .update(webhooks)
      .set({ url: input.url, name: input.name === undefined ? undefined : input.name || null, subscriptions: input.subscriptions, inboxId: input.inbox_id, updatedAt: new Date() })
      .where(and(eq(webhooks.id, id), eq(webhooks.accountId, accountId)))
      .returning(),
  );
  if (!row) throw AppError.notFound();
  return row;
}

export async function rotateWebhookSecret(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<Webhook> {
  const [row] = await db
    .update(webhooks)
    .set({ secret: newSecret(), updatedAt: new Date() })
    .where(and(eq(webhooks.id, id), eq(webhooks.accountId, accountId)))
    .returning();
  if (!row) throw AppError.notFound();
  return row;
}

/** Deletes the webhook and its deliveries (pending ones are not sent anywhere after this). */
export async function deleteWebhook(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .delete(webhooks)
      .where(and(eq(webhooks.id, id), eq(webhooks.accountId, accountId)))
      .returning({ id: webhooks.id });
    if (rows.length === 0) throw AppError.notFound();
    await tx.delete(webhookDeliveries).where(and(eq(webhookDeliveries.targetType, "webhook"), eq(webhookDeliveries.targetId, id)));
  });
}

/** WH5: queues a `test` event to this webhook only, through the same delivery path as real ones. */
export async function queueTestEvent(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<WebhookDelivery> {
  const hook = await getWebhook(db, { accountId, id });
  const body = JSON.stringify({ event: "test", webhook: presentWebhook(hook), sent_at: new Date().toISOString() });
  const [row] = await db.insert(webhookDeliveries).values({ accountId, targetType: "webhook", targetId: hook.id, uuid: randomUUID(), event: "test", body }).returning();
  return row!;
}

/** WH5: the delivery log keeps the newest 100 per webhook. */
export const DELIVERY_LOG_SIZE = 100;

export function presentDelivery(d: WebhookDelivery) {
  return {
    id: d.id,
    delivery_id: d.uuid,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    response_status: d.responseStatus,
    latency_ms: d.latencyMs,
    response_excerpt: d.responseExcerpt,
    error: d.error,
    next_attempt_at: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    created_at: d.createdAt.toISOString(),
    completed_at: d.completedAt?.toISOString() ?? null,
  };
}

export async function listDeliveries(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<WebhookDelivery[]> {
  const hook = await getWebhook(db, { accountId, id });
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.targetType, "webhook"), eq(webhookDeliveries.targetId, hook.id)))
    .orderBy(desc(webhookDeliveries.id))
    .limit(DELIVERY_LOG_SIZE);
}

/** WH5 "retry now": a failed delivery goes back to pending, due at once; a pending one is made due now. */
export async function retryDelivery(db: Db, { accountId, id, deliveryId }: { accountId: number; id: number; deliveryId: number }): Promise<WebhookDelivery> {
  const hook = await getWebhook(db, { accountId, id });
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: new Date(), completedAt: null })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.targetType, "webhook"),
        eq(webhookDeliveries.targetId, hook.id),
        inArray(webhookDeliveries.status, ["pending", "failed"]),
        sql`(${webhookDeliveries.leaseUntil} is null or ${webhookDeliveries.leaseUntil} < now())`,
      ),
    )
    .returning();
  if (row) return row;
  // Delivered (never sent twice after a 2xx), in flight, or not this webhook's.
  const [existing] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.targetType, "webhook"), eq(webhookDeliveries.targetId, hook.id)));
  if (!existing) throw AppError.notFound();
  throw new AppError("conflict", existing.status === "delivered" ? "This delivery was delivered; it is not sent again" : "This delivery is being sent now");
}

/** Keeps the newest DELIVERY_LOG_SIZE finished deliveries per webhook (the sweep). */
export async function pruneDeliveryLog(db: Db): Promise<void> {
  await db.execute(sql`delete from webhook_deliveries d using (
      select id from (select id, row_number() over (partition by target_type, target_id order by id desc) as n
                        from webhook_deliveries where status <> 'pending') r where r.n > ${DELIVERY_LOG_SIZE}) old
    where d.id = old.id`);
}

async function uniqueUrl<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (uniqueViolation(err) === "webhooks_account_url_key") throw AppError.validation({ url: ["has already been taken"] });
    throw err;
  }
}
