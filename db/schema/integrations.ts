import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { inboxes } from "./inboxes";
import { createdAt, id, tstz, updatedAt } from "./columns";

/** Chatwoot's webhook subscriptions (docs/webhooks.md). */
export const WEBHOOK_EVENTS = [
  "conversation_created",
  "conversation_status_changed",
  "conversation_updated",
  "message_created",
  "message_updated",
  "contact_created",
  "contact_updated",
  "webwidget_triggered",
  "conversation_typing_on",
  "conversation_typing_off",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** An account's outgoing webhook (WH1): where to POST which events, signed with `secret` (WH3). */
export const webhooks = pgTable(
  "webhooks",
  {
    id: id(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text(),
    url: text().notNull(),
    subscriptions: jsonb().$type<WebhookEvent[]>().notNull(),
    secret: text().notNull(),
    /** Chatwoot v4's inbox-scoped webhook: only this inbox's events; null = every inbox and account-level events (WH7). */
    inboxId: integer().references(() => inboxes.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("webhooks_account_url_key").on(t.accountId, t.url)],
);
export type Webhook = typeof webhooks.$inferSelect;

/** Where a delivery goes: an account webhook, an API-channel inbox's webhook_url (AP2) or an agent bot's outgoing_url (AB3). */
export const DELIVERY_TARGETS = ["webhook", "api_inbox", "agent_bot"] as const;
export type DeliveryTarget = (typeof DELIVERY_TARGETS)[number];

/**
 * One POST of one event to one target (WH2): written by the fan-out from the outbox after commit,
 * claimed by any instance's worker (FOR UPDATE SKIP LOCKED plus a lease, so a crashed worker's claim
 * is taken over), retried with backoff until delivered or failed. The body is fixed at fan-out, so
 * every retry sends the same bytes under the same `uuid` (X-Parley-Delivery).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    targetType: text().$type<DeliveryTarget>().notNull(),
    targetId: integer().notNull(),
    uuid: text().notNull(),
    event: text().notNull(),
    /** Internal conversation id: deliveries of one conversation to one target go in order (WH2). */
    conversationId: integer(),
    eventSeq: bigint({ mode: "number" }),
    body: text().notNull(),
    status: text().$type<"pending" | "delivered" | "failed">().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: tstz().notNull().defaultNow(),
    leaseUntil: tstz(),
    leaseToken: text(),
    responseStatus: integer(),
    latencyMs: integer(),
    responseExcerpt: text(),
    error: text(),
    createdAt: createdAt(),
    completedAt: tstz(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_uuid_key").on(t.uuid),
    check("webhook_deliveries_status", sql`${t.status} in ('pending', 'delivered', 'failed')`),
    check("webhook_deliveries_target", sql`${t.targetType} in ('webhook', 'api_inbox', 'agent_bot')`),
    // The workers' queue, and the per-conversation order check.
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_order_idx")
      .on(t.targetType, t.targetId, t.conversationId, t.id)
      .where(sql`${t.status} = 'pending'`),
    // The delivery log: newest first per target.
    index("webhook_deliveries_log_idx").on(t.targetType, t.targetId, t.id),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

/** The fan-out's position in the outbox (one row): every event up to `seq` has its deliveries written. */
export const webhookCursor = pgTable("webhook_cursor", {
  id: integer().primaryKey(),
  seq: bigint({ mode: "number" }).notNull(),
});
