import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { conversations, events, messages, type Conversation, type NewMessage } from "@/db/schema";
import { loadConversationPushes } from "@/lib/presenters/conversation-pushes";
import { loadMessagePushes } from "@/lib/presenters/message-push";
import { AGENTS_ONLY_EVENTS, type ConversationEventType } from "@/lib/realtime/event-types";

type Entry = { kind: "line"; index: number } | { kind: "events"; conversation: Conversation; types: ConversationEventType[]; extra?: Record<string, unknown> };

/**
 * What one bulk batch writes besides the conversations themselves — activity lines (C8) and their
 * `message.created`, and the conversation events — collected in the order one-at-a-time changes
 * would write them and flushed at the end of the batch's transaction in a few statements: one insert
 * of the lines, one update of their conversations' last_activity_at (M4), one presentation of the
 * lines and one of the conversations (their state after the whole batch), one insert of the events
 * (from one JSON parameter in which the events of one change share their payload).
 */
export class BulkWriter {
  private lines: { conversation: Conversation; content: string }[] = [];
  private entries: Entry[] = [];

  /** An activity line, written as createActivityMessage writes it. */
  line(conversation: Conversation, content: string): void {
    this.entries.push({ kind: "line", index: this.lines.push({ conversation, content }) - 1 });
  }

  /** Events presenting the conversation, as emitConversationEvents writes them. */
  events(conversation: Conversation, types: ConversationEventType[], extra?: Record<string, unknown>): void {
    if (types.length) this.entries.push({ kind: "events", conversation, types, extra });
  }

  async flush(tx: Db, now: Date): Promise<void> {
    const written = this.lines.length
      ? (
          await tx
            .insert(messages)
            .values(this.lines.map((l) => activityValues(l.conversation, l.content, now)))
            .returning()
        ).sort((a, b) => a.id - b.id)
      : [];
    // M4: a line moves its conversation's last activity to it (most were moved by their change's UPDATE).
    const touched = [...new Set(this.lines.filter((l) => l.conversation.lastActivityAt.getTime() !== now.getTime()).map((l) => l.conversation))];
    if (touched.length) {
      await tx
        .update(conversations)
        .set({ lastActivityAt: now })
        .where(
          inArray(
            conversations.id,
            touched.map((c) => c.id),
          ),
        );
      for (const c of touched) c.lastActivityAt = now;
    }
    const linePushes = await loadMessagePushes(tx, written);
    const conversationPushes = await loadConversationPushes(tx, [...new Set(this.entries.flatMap((e) => (e.kind === "events" ? [e.conversation.id] : [])))]);
    // One group per entry: the rows it stands for share the payload, which travels once. An event of
    // AGENTS_ONLY_EVENTS gets the entry's `extra` on top of it (emitConversationEvents' rule).
    const groups = this.entries.map((e) => {
      if (e.kind === "line") {
        const c = this.lines[e.index]!.conversation;
        return { a: c.accountId, i: c.inboxId, c: c.id, ci: c.contactInboxId, p: { ...linePushes[e.index], account_id: c.accountId }, x: {}, t: [["message.created", true, false]] };
      }
      const c = e.conversation;
      return {
        a: c.accountId,
        i: c.inboxId,
        c: c.id,
        ci: c.contactInboxId,
        p: { ...conversationPushes.get(c.id)!, account_id: c.accountId },
        x: e.extra ?? {},
        t: e.types.map((type) => [type, AGENTS_ONLY_EVENTS.has(type), !!e.extra && AGENTS_ONLY_EVENTS.has(type)]),
      };
    });
    if (groups.length)
      await queryRows(
        tx,
        sql`insert into ${events} (account_id, type, inbox_id, conversation_id, contact_inbox_id, private, payload)
            select (g->>'a')::int, e->>0, (g->>'i')::int, (g->>'c')::int, (g->>'ci')::int, (e->>1)::boolean,
                   case when (e->>2)::boolean then (g->'p') || (g->'x') else g->'p' end
              from jsonb_array_elements(${JSON.stringify(groups)}::jsonb) with ordinality as r(g, n)
             cross join lateral jsonb_array_elements(g->'t') with ordinality as s(e, m)
             order by n, m`,
      );
    this.lines = [];
    this.entries = [];
  }
}

/** The row insertMessage writes for an activity line (no sender, not private, the conversation's inbox). */
function activityValues(c: Conversation, content: string, now: Date): NewMessage {
  return {
    accountId: c.accountId,
    inboxId: c.inboxId,
    conversationId: c.id,
    messageType: "activity",
    content,
    processedMessageContent: content,
    contentType: "text",
    status: "sent",
    private: false,
    senderType: null,
    senderId: null,
    contentAttributes: {},
    additionalAttributes: {},
    sourceId: null,
    echoId: null,
    createdAt: now,
    updatedAt: now,
  };
}
