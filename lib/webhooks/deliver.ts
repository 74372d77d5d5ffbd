import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { agentBots, apiChannels, webhookDeliveries, webhooks, type DeliveryTarget } from "@/db/schema";
import { handOffAfterBotFailure } from "@/lib/agent-bots/hand-off";
import { sendSigned, type SendOutcome } from "./send";

/** WH2: how long a claim is held before another worker may take the delivery over (a crashed worker). */
export const LEASE_MS = 30_000;
/** WH2: retries stop (failed) once the next one would fall later than this after the event. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 8_000;
const MAX_RETRY_MS = 3 * 60 * 60 * 1000;

/** Exponential backoff with jitter: attempt 1 → 4–8 s (the first retry within 10 s), doubling, capped at 3 h. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return Math.round(base * (0.5 + random() * 0.5));
}

/** Retry on a timeout or connection error, a 5xx or a 429; anything else is an answer. */
export function isRetryable(o: SendOutcome): boolean {
  if (o.kind === "error") return !o.permanent;
  return o.status >= 500 || o.status === 429;
}

type Claimed = {
  id: number;
  uuid: string;
  targetType: DeliveryTarget;
  targetId: number;
  event: string;
  body: string;
  attempts: number;
  createdAt: Date;
  leaseToken: string;
  conversationId?: number | null;
};

/**
 * Claims up to `limit` due deliveries for this worker (WH2). A delivery is due when pending, its
 * next attempt has come and no lease is live; it is skipped while an earlier delivery of the same
 * conversation to the same target is still pending (in order per conversation). Rows are locked with
 * SKIP LOCKED, so concurrent workers of any instance split the work, and the lease (not the lock) is
 * what the HTTP call runs under: the claim commits at once, and a worker that dies mid-request leaves
 * a lease that expires and is claimed again — re-delivered, never lost.
 */
export async function claimDeliveries(db: Db, { limit = 20, now = new Date(), leaseMs = LEASE_MS }: { limit?: number; now?: Date; leaseMs?: number } = {}): Promise<Claimed[]> {
  const token = randomUUID();
  const nowIso = now.toISOString();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`update webhook_deliveries d
          set lease_until = ${nowIso}::timestamptz + make_interval(secs => ${leaseMs / 1000}), lease_token = ${token}, attempts = d.attempts + 1
        where d.id in (
          select p.id from webhook_deliveries p
           where p.status = 'pending' and p.next_attempt_at <= ${nowIso}::timestamptz
             and (p.lease_until is null or p.lease_until < ${nowIso}::timestamptz)
             and (p.conversation_id is null or not exists (
               select 1 from webhook_deliveries e
                where e.status = 'pending' and e.target_type = p.target_type and e.target_id = p.target_id
                  and e.conversation_id = p.conversation_id and e.id < p.id))
           order by p.id
           limit ${limit}
           for update skip locked)
        returning d.id, d.uuid, d.target_type, d.target_id, d.event, d.body, d.attempts, d.created_at, d.conversation_id `,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    uuid: String(r.uuid),
    targetType: r.target_type as DeliveryTarget,
    targetId: Number(r.target_id),
    event: String(r.event),
    body: String(r.body),
    attempts: Number(r.attempts),
    createdAt: new Date(r.created_at as string),
    leaseToken: token,
    conversationId: r.conversation_id === null || r.conversation_id === undefined ? null : Number(r.conversation_id),
  }));
}

/** Where a target's POSTs go and the secret that signs them; null once the target is gone (or has no URL). */
export async function targetOf(db: Db, type: DeliveryTarget, id: number): Promise<{ url: string; secret: string } | null> {
  if (type === "api_inbox") {
    const [c] = await db.select({ url: apiChannels.webhookUrl, secret: apiChannels.secret }).from(apiChannels).where(eq(apiChannels.inboxId, id));
    return c?.url ? { url: c.url, secret: c.secret } : null;
  }
  if (type === "agent_bot") {
    const [b] = await db.select({ url: agentBots.outgoingUrl, secret: agentBots.secret }).from(agentBots).where(eq(agentBots.id, id));
    return b?.url ? { url: b.url, secret: b.secret } : null;
  }
  const [h] = await db.select({ url: webhooks.url, secret: webhooks.secret }).from(webhooks).where(eq(webhooks.id, id));
  return h ?? null;
}

export type DeliverOptions = { allowPrivate: boolean; now?: () => Date; timeoutMs?: number };

/** Sends one claimed delivery and records the outcome under its lease (a stale worker's result is dropped). */
export async function deliverClaimed(db: Db, d: Claimed, opts: DeliverOptions): Promise<"delivered" | "retry" | "failed"> {
  const target = await targetOf(db, d.targetType, d.targetId);
  const outcome: SendOutcome = target
    ? await sendSigned({ url: target.url, body: d.body, secret: target.secret, deliveryId: d.uuid, event: d.event, allowPrivate: opts.allowPrivate, timeoutMs: opts.timeoutMs })
    : { kind: "error", error: "the webhook no longer exists", latencyMs: 0, permanent: true };
  const now = opts.now?.() ?? new Date();
  const ok = outcome.kind === "response" && outcome.status >= 200 && outcome.status < 300;
  const delay = retryDelayMs(d.attempts);
  // AB6: a bot's answer is only useful now, so a bot delivery is tried once; the visitor goes to the team instead.
  const retry = !ok && d.targetType !== "agent_bot" && isRetryable(outcome) && now.getTime() + delay <= d.createdAt.getTime() + RETRY_WINDOW_MS;
  const status = ok ? "delivered" : retry ? "pending" : "failed";
  await db
    .update(webhookDeliveries)
    .set({
      status,
      leaseUntil: null,
      leaseToken: null,
      nextAttemptAt: retry ? new Date(now.getTime() + delay) : undefined,
      responseStatus: outcome.kind === "response" ? outcome.status : null,
      latencyMs: outcome.latencyMs,
      responseExcerpt: outcome.kind === "response" ? outcome.excerpt : null,
      error: outcome.kind === "error" ? outcome.error.slice(0, 500) : null,
      completedAt: retry ? null : now,
    })
    .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.leaseToken, d.leaseToken)));
  if (!ok && d.targetType === "agent_bot" && d.conversationId && (d.event === "message_created" || d.event === "conversation_created")) {
    await handOffAfterBotFailure(db, { conversationId: d.conversationId, botId: d.targetId, now });
  }
  return ok ? "delivered" : retry ? "retry" : "failed";
}

/** Claims and delivers until nothing is due (or `budgetMs` passes); returns how many were attempted. */
export async function deliverDue(db: Db, opts: DeliverOptions & { budgetMs?: number; concurrency?: number }): Promise<number> {
  const started = Date.now();
  let attempted = 0;
  for (;;) {
    const claimed = await claimDeliveries(db, { limit: opts.concurrency ?? 10, now: opts.now?.() });
    if (claimed.length === 0) return attempted;
    await Promise.all(claimed.map((d) => deliverClaimed(db, d, opts).catch((err: unknown) => console.warn(`webhooks: delivery ${d.id} (${(err as Error).message})`))));
    attempted += claimed.length;
    if (opts.budgetMs !== undefined && Date.now() - started > opts.budgetMs) return attempted;
  }
}
