import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agentBots, apiChannels, inboxes, webhookDeliveries, type WebhookEvent } from "@/db/schema";
import type { StreamEvent } from "@/lib/realtime/relay";
import { isSendableMessage, payloadContext, webhookPayload, WEBHOOK_EVENT_OF, type PayloadContext } from "./payloads";

type DeliveryRow = typeof webhookDeliveries.$inferInsert;
type InboxReceivers = { inboxId: number; apiWebhook: boolean; botId: number | null };

/** AB3: the events an agent bot receives (webwidget_triggered is queued by the widget's route, webwidget-triggered.ts). */
export const BOT_EVENTS: ReadonlySet<WebhookEvent> = new Set(["conversation_created", "message_created"]);
/** AP2: an API inbox's webhook_url receives its conversations' and messages' events (not the account's contact events). */
const API_INBOX_EVENTS: ReadonlySet<WebhookEvent> = new Set([
  "conversation_created",
  "conversation_status_changed",
  "conversation_updated",
  "message_created",
  "message_updated",
  "conversation_typing_on",
  "conversation_typing_off",
]);

/**
 * The receivers an inbox has of its own, beside the account's webhooks: an API-channel inbox's
 * `webhook_url` (AP2) and the outgoing_url of the agent bot attached to it (AB3). Called by the
 * fan-out in the same transaction, so these deliveries get the same claim, retry, order and signing
 * as webhooks (WH2–WH4). Private notes and activity lines go to neither: both talk to the visitor's side.
 */
export async function inboxTargetDeliveries(db: Db, batch: (StreamEvent & { createdAt: Date })[], shared?: PayloadContext): Promise<DeliveryRow[]> {
  const inboxIds = [...new Set(batch.map((e) => e.inboxId).filter((v): v is number => v !== null))];
  if (inboxIds.length === 0) return [];
  const receivers = await inboxReceivers(db, inboxIds);
  if (receivers.size === 0) return [];

  let ctx = shared;
  const out: DeliveryRow[] = [];
  for (const e of batch) {
    const name = WEBHOOK_EVENT_OF[e.type];
    const r = e.inboxId === null ? undefined : receivers.get(e.inboxId);
    if (!name || !r) continue;
    const targets: { type: "api_inbox" | "agent_bot"; id: number }[] = [];
    if (r.apiWebhook && API_INBOX_EVENTS.has(name)) targets.push({ type: "api_inbox", id: r.inboxId });
    if (r.botId !== null && BOT_EVENTS.has(name)) targets.push({ type: "agent_bot", id: r.botId });
    if (targets.length === 0) continue;
    if ((name === "message_created" || name === "message_updated") && (!isSendableMessage(e) || (e.payload as { private?: boolean }).private)) continue;
    ctx ??= await payloadContext(db, batch);
    const data = await webhookPayload(ctx, e);
    if (!data) continue;
    const body = JSON.stringify({ ...data, event: name });
    for (const t of targets) {
      out.push({ accountId: e.accountId, targetType: t.type, targetId: t.id, uuid: randomUUID(), event: name, conversationId: e.conversationId, eventSeq: e.seq, body });
    }
  }
  return out;
}

async function inboxReceivers(db: Db, inboxIds: number[]): Promise<Map<number, InboxReceivers>> {
  const rows = await db
    .select({ inboxId: inboxes.id, webhookUrl: apiChannels.webhookUrl, botId: agentBots.id, botUrl: agentBots.outgoingUrl })
    .from(inboxes)
    .leftJoin(apiChannels, eq(apiChannels.inboxId, inboxes.id))
    .leftJoin(agentBots, eq(agentBots.id, inboxes.agentBotId))
    .where(inArray(inboxes.id, inboxIds));
  const out = new Map<number, InboxReceivers>();
  for (const r of rows) {
    const apiWebhook = !!r.webhookUrl;
    const botId = r.botId !== null && r.botUrl ? r.botId : null;
    if (apiWebhook || botId !== null) out.set(r.inboxId, { inboxId: r.inboxId, apiWebhook, botId });
  }
  return out;
}
