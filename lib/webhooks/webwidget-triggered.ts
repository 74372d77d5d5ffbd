import { randomUUID } from "node:crypto";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, agentBots, webhookDeliveries, webhooks, type Contact, type ContactInbox, type Conversation, type Inbox } from "@/db/schema";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { loadConversationPush } from "@/lib/presenters/conversation-push";
import { contactWebhookData } from "./payloads";

/**
 * `webwidget_triggered` (WH6, AB3): a visitor opened the widget. The event has no outbox row — it
 * changes nothing an agent sees — so the widget's route queues its deliveries directly: one per
 * account webhook subscribed to it and one to the inbox's agent bot, through the same delivery rows
 * (claim, order, signing) as every other event. The body is Chatwoot's `ContactInbox#webhook_data`
 * with `event_info` (what the widget reports: referer, languages, when). Returns how many were queued.
 */
export async function queueWebwidgetTriggered(
  db: Db,
  { inbox, contact, contactInbox, conversation, eventInfo }: { inbox: Inbox; contact: Contact; contactInbox: ContactInbox; conversation: Conversation | null; eventInfo: Record<string, unknown> },
): Promise<number> {
  const hooks = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.accountId, inbox.accountId),
        sql`${webhooks.subscriptions} @> '["webwidget_triggered"]'::jsonb`,
        // WH7: a webhook scoped to another inbox does not hear this one's widget.
        or(isNull(webhooks.inboxId), eq(webhooks.inboxId, inbox.id)),
      ),
    );
  const [bot] = inbox.agentBotId === null ? [] : await db.select({ id: agentBots.id, url: agentBots.outgoingUrl }).from(agentBots).where(eq(agentBots.id, inbox.agentBotId));
  const targets = [...hooks.map((h) => ({ type: "webhook" as const, id: h.id })), ...(bot?.url ? [{ type: "agent_bot" as const, id: bot.id }] : [])];
  if (targets.length === 0) return 0;

  const [account] = await db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, inbox.accountId));
  const named = { id: inbox.accountId, name: account?.name ?? "" };
  const current = conversation ? await loadConversationPush(db, conversation.id) : null;
  const body = JSON.stringify({
    id: contactInbox.id,
    contact: contactWebhookData(presentContactPush(contact), named),
    inbox: { id: inbox.id, name: inbox.name },
    account: named,
    current_conversation: current && { ...current, account: named, inbox: { id: inbox.id, name: inbox.name } },
    source_id: contactInbox.sourceId,
    event_info: eventInfo,
    event: "webwidget_triggered",
  });
  await db.insert(webhookDeliveries).values(
    targets.map((t) => ({
      accountId: inbox.accountId,
      targetType: t.type,
      targetId: t.id,
      uuid: randomUUID(),
      event: "webwidget_triggered",
      conversationId: conversation?.id ?? null,
      body,
    })),
  );
  return targets.length;
}
