import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { messages, type Contact, type Message } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { presentMessagePush, type MessagePush } from "@/lib/presenters/message-push";
import { FLOOD_WINDOW_MS } from "./flood-limit";
import type { ParsedMessageInput } from "./message-input";

/**
 * B7: a contact's plain text message in one round trip — the SQL function `parley_post_contact_message`
 * (db/migrations/0011) locks the conversation, checks M6 and M2 after the lock, writes the message,
 * the conversation's and the contact's activity (M4) and the `message.created` outbox row (E2) as one
 * statement's transaction, and answers what it wrote. Whatever needs the engine's other rules (a
 * conversation not open or not yet waiting, an automatic message that may be due) comes back as
 * "slow" with nothing written, and createMessage runs its transaction as before.
 */
export type FastPathResult = { outcome: "slow" } | { outcome: "replay"; message: Message } | { outcome: "created"; message: Message; push: MessagePush };

type Raw = {
  outcome: "not_found" | "slow" | "replay" | "flooded" | "created" | "stale";
  message?: Record<string, unknown>;
  payload?: MessagePush;
  blocking_ms?: number;
  conversation_id?: number;
  display_id?: number;
  contact_inbox_id?: number | null;
};

export async function postContactMessageFast(
  db: Db,
  args: { conversationId: number; accountId?: number; contact: Contact; content: string | null; echoId: string | null; now: Date; floodLimit: number },
): Promise<FastPathResult> {
  const draft = draftPush(args);
  const r = await callWrite(
    db,
    sql`select parley_post_contact_message(${args.conversationId}::int, ${args.accountId ?? null}::int, ${args.contact.id}::int, ${args.content}::text, ${args.echoId}::text,
      ${args.now.toISOString()}::timestamptz, ${FLOOD_WINDOW_MS}::int, ${args.floodLimit}::int, ${JSON.stringify(draft)}::jsonb) as r`,
  );
  return answer(r, draft, args.now);
}

/** What the Client API's write by path answers: postContactMessageFast's outcomes, with the conversation it found. */
export type ClientPathResult = { outcome: "stale" } | (FastPathResult & { conversation: { id: number; displayId: number; contactInboxId: number | null } });

/**
 * B7: the Client API's message by its path — the contact_inbox and the conversation's display id —
 * in one round trip (`parley_post_client_message`, db/migrations/0021): the conversation look-up
 * (W3's reach) is folded into the write. `contact` may come from the instance's lookup cache (E8): the
 * function checks it, and the contact_inbox, against the rows and answers "stale" with nothing
 * written when they differ; the caller reloads them and calls again. An unknown conversation is a
 * 404; "slow" names the conversation for createMessage's transaction.
 */
export async function postClientMessageFast(
  db: Db,
  args: { contactInboxId: number; displayId: number; contact: Contact; content: string | null; echoId: string | null; now: Date; floodLimit: number },
): Promise<ClientPathResult> {
  const draft = draftPush(args);
  const r = await callWrite(
    db,
    sql`select parley_post_client_message(${args.contactInboxId}::int, ${args.displayId}::int, ${args.contact.id}::int, ${args.content}::text, ${args.echoId}::text,
      ${args.now.toISOString()}::timestamptz, ${FLOOD_WINDOW_MS}::int, ${args.floodLimit}::int, ${JSON.stringify(draft)}::jsonb) as r`,
  );
  if (r.outcome === "stale") return { outcome: "stale" };
  const conversation = { id: Number(r.conversation_id), displayId: Number(r.display_id), contactInboxId: r.contact_inbox_id ?? null };
  return { ...answer(r, draft, args.now), conversation };
}

/** B7: a contact's message the one-round-trip writes can take: plain text, nothing else set. */
export function isPlainText(data: ParsedMessageInput): boolean {
  return data.content_type === "text" && data.attachments.length === 0 && Object.keys(data.content_attributes).length === 0 && Object.keys(data.additional_attributes).length === 0 && !data.source_id;
}

/** The event's payload as the presenter shapes it; the function fills in what only the write knows
 * (message id, the conversation's display id, assignee, unread count, source_id). */
function draftPush(args: { contact: Contact; content: string | null; echoId: string | null; now: Date }): MessagePush {
  return presentMessagePush(draftMessage(args), {
    conversation: { displayId: 0, assigneeId: null, lastActivityAt: args.now, unreadCount: 0, sourceId: null },
    sender: presentContactPush(args.contact),
    attachments: [],
  });
}

async function callWrite(db: Db, query: SQL): Promise<Raw> {
  const [row] = await queryRows<{ r: Raw | string }>(db, query);
  return (typeof row!.r === "string" ? JSON.parse(row!.r) : row!.r) as Raw;
}

function answer(r: Raw, draft: MessagePush, now: Date): FastPathResult {
  switch (r.outcome) {
    case "not_found":
      throw AppError.notFound();
    case "flooded": {
      const retryAfterSeconds = Math.max(1, Math.ceil((Number(r.blocking_ms) + FLOOD_WINDOW_MS - now.getTime()) / 1000));
      throw new AppError("rate_limited", "Too many messages", { retryAfterSeconds });
    }
    case "replay":
      return { outcome: "replay", message: messageFromJson(r.message!) };
    case "created":
      // The sender as the presenter ordered its keys (jsonb reorders them) for the HTTP answer.
      return { outcome: "created", message: messageFromJson(r.message!), push: { ...r.payload!, sender: draft.sender } };
    default:
      return { outcome: "slow" };
  }
}

function draftMessage(args: { contact: Contact; content: string | null; echoId: string | null; now: Date }): Message {
  return {
    id: 0,
    accountId: args.contact.accountId,
    inboxId: 0,
    conversationId: 0,
    content: args.content,
    processedMessageContent: null,
    messageType: "incoming",
    contentType: "text",
    status: "sent",
    private: false,
    senderType: "contact",
    senderId: args.contact.id,
    contentAttributes: {},
    additionalAttributes: {},
    externalSourceIds: {},
    sourceId: null,
    echoId: args.echoId,
    createdAt: args.now,
    updatedAt: args.now,
  };
}

// The schema's keys are camelCase; the database's columns (drizzle's snake_case casing) are what to_jsonb names.
const COLUMNS = Object.entries(getTableColumns(messages)).map(([key, column]) => [key, key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), column] as const);

/** A messages row as `to_jsonb(row)` spells it, mapped as drizzle maps a selected row. */
export function messageFromJson(json: Record<string, unknown>): Message {
  const out: Record<string, unknown> = {};
  for (const [key, name, column] of COLUMNS) {
    const value = json[name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as Message;
}
