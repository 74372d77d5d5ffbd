import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, inboxes, users, type WebhookEvent } from "@/db/schema";
import type { ContactPush } from "@/lib/presenters/contact-push";
import { loadConversationPush } from "@/lib/presenters/conversation-push";
import type { MessagePush } from "@/lib/presenters/message-push";
import type { StreamEvent } from "@/lib/realtime/relay";

/**
 * Outbox events as Chatwoot's webhooks carry them (app/listeners/webhook_listener.rb and the models'
 * `webhook_data`): `event` plus the object's fields, with `account` and `inbox` as `{id, name}`,
 * `conversation` as the conversation's push data, `sender` as the sender's webhook data, a string
 * `message_type` and an ISO `created_at` on messages (chatwoot-api.md notes the difference).
 */

/** Outbox event → Chatwoot webhook event. Events not here are not sent to webhooks. */
export const WEBHOOK_EVENT_OF: Partial<Record<string, WebhookEvent>> = {
  "conversation.created": "conversation_created",
  "conversation.status_changed": "conversation_status_changed",
  "conversation.updated": "conversation_updated",
  "message.created": "message_created",
  "message.updated": "message_updated",
  "contact.created": "contact_created",
  "contact.updated": "contact_updated",
  "conversation.typing_on": "conversation_typing_on",
  "conversation.typing_off": "conversation_typing_off",
};

const MESSAGE_TYPE_NAME = ["incoming", "outgoing", "activity", "template"] as const;

type Named = { id: number; name: string };

/** The lookups one fan-out batch shares (accounts and inboxes by id), so a batch costs few queries. */
export type PayloadContext = { db: Db; accountNames: Map<number, string>; inboxNames: Map<number, string> };

export async function payloadContext(db: Db, batch: StreamEvent[]): Promise<PayloadContext> {
  const accountIds = [...new Set(batch.map((e) => e.accountId))];
  const inboxIds = [...new Set(batch.map((e) => e.inboxId).filter((v): v is number => v !== null))];
  const a = accountIds.length ? await db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(inArray(accounts.id, accountIds)) : [];
  const i = inboxIds.length ? await db.select({ id: inboxes.id, name: inboxes.name }).from(inboxes).where(inArray(inboxes.id, inboxIds)) : [];
  return { db, accountNames: new Map(a.map((r) => [r.id, r.name])), inboxNames: new Map(i.map((r) => [r.id, r.name])) };
}

const accountOf = (ctx: PayloadContext, id: number): Named => ({ id, name: ctx.accountNames.get(id) ?? "" });
const inboxOf = (ctx: PayloadContext, id: number | null): Named | null => (id === null ? null : { id, name: ctx.inboxNames.get(id) ?? "" });

/** `Contact#webhook_data`. */
export function contactWebhookData(c: ContactPush, account: Named) {
  return {
    account,
    additional_attributes: c.additional_attributes,
    avatar: c.thumbnail,
    custom_attributes: c.custom_attributes,
    email: c.email,
    id: c.id,
    identifier: c.identifier,
    name: c.name,
    phone_number: c.phone_number,
    thumbnail: c.thumbnail,
    blocked: c.blocked,
  };
}

async function userWebhookData(db: Db, id: number) {
  const [u] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, id));
  return u ? { id: u.id, name: u.name, email: u.email, type: "user" as const } : null;
}

/** What a message event's webhook says about its sender (`sender.webhook_data`). */
async function senderOf(ctx: PayloadContext, m: MessagePush, account: Named): Promise<unknown> {
  if (m.sender_type === "Contact" && m.sender && (m.sender as ContactPush).type === "contact") return contactWebhookData(m.sender as ContactPush, account);
  if (m.sender_type === "User" && m.sender_id) return userWebhookData(ctx.db, m.sender_id);
  if (m.sender_type === "AgentBot" && m.sender) return m.sender; // {id, name, avatar_url, type: "agent_bot"} (AB4)
  return null;
}

/** `Message#webhook_sendable?`: activity lines are not sent. */
export function isSendableMessage(e: StreamEvent): boolean {
  return (e.payload as unknown as MessagePush).message_type !== 2;
}

/** The webhook body of one outbox event (without `event`, which the caller adds), or null when it has none. */
export async function webhookPayload(ctx: PayloadContext, e: StreamEvent): Promise<Record<string, unknown> | null> {
  const account = accountOf(ctx, e.accountId);
  const { account_id: _accountId, ...data } = e.payload;
  void _accountId;
  switch (e.type) {
    case "message.created":
    case "message.updated": {
      const m = e.payload as unknown as MessagePush & { previous_changes?: unknown };
      const out: Record<string, unknown> = {
        account,
        additional_attributes: m.additional_attributes,
        content_attributes: m.content_attributes,
        content_type: m.content_type,
        content: m.content,
        conversation: e.conversationId === null ? null : await loadConversationPush(ctx.db, e.conversationId).catch(() => null),
        created_at: new Date(m.created_at * 1000).toISOString(),
        id: m.id,
        inbox: inboxOf(ctx, m.inbox_id),
        message_type: MESSAGE_TYPE_NAME[m.message_type] ?? "incoming",
        private: m.private,
        sender: await senderOf(ctx, m, account),
        source_id: m.source_id,
      };
      if (m.attachments?.length) out.attachments = m.attachments;
      if (m.previous_changes) out.changed_attributes = changedAttributes(m.previous_changes);
      return out;
    }
    case "conversation.created":
    case "conversation.status_changed":
    case "conversation.updated":
      return { ...data, account, inbox: inboxOf(ctx, e.inboxId) };
    case "contact.created":
    case "contact.updated":
      return contactWebhookData(e.payload as unknown as ContactPush, account);
    case "conversation.typing_on":
    case "conversation.typing_off": {
      const t = e.payload as { conversation: unknown; user: { id: number; type?: string }; is_private?: boolean };
      const user = t.user.type === "contact" ? contactWebhookData(t.user as unknown as ContactPush, account) : await userWebhookData(ctx.db, t.user.id);
      return { user, conversation: t.conversation, is_private: t.is_private ?? false };
    }
    default:
      return null;
  }
}

/** Rails' previous_changes ({attr: [before, after]}) as Chatwoot's `changed_attributes` list. */
function changedAttributes(changes: unknown): unknown[] {
  if (!changes || typeof changes !== "object") return [];
  return Object.entries(changes as Record<string, [unknown, unknown]>).map(([k, [before, after]]) => ({ [k]: { previous_value: before, current_value: after } }));
}
