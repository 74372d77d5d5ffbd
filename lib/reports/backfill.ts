import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { conversations, inboxes, messages, reportingEvents, workingHours, type NewReportingEvent } from "@/db/schema";
import { businessSeconds, type BusinessCalendar } from "./business-hours";
import { foldAllEventRollups } from "./event-rollup";
import { foldAllMessageRollups } from "./message-rollup";

/**
 * Reporting events for conversations that have none (they existed before events were recorded),
 * rebuilt from the stored messages: the agent replies (M3) and the status activity lines (C8,
 * Chatwoot's English wording, which every stored line before localisation uses). The replay follows
 * the live rules of record-events.ts. Each batch locks its conversations, so a live change cannot
 * record an event between the check and the insert; running it twice adds nothing.
 */

type ReplayMessage = {
  conversationId: number;
  messageType: string;
  private: boolean;
  senderType: string | null;
  senderId: number | null;
  content: string | null;
  automation: boolean;
  createdAt: Date;
};

const RESOLVED = /\bmarked resolved\b/;
const REOPENED = /\breopened\b/;

export type ConversationFacts = { id: number; accountId: number; inboxId: number; assigneeId: number | null; createdAt: Date };

/** The events one conversation's history implies, in order (pure; exported for tests). */
export function replayConversation(c: ConversationFacts, history: ReplayMessage[], cal: BusinessCalendar): NewReportingEvent[] {
  const out: NewReportingEvent[] = [];
  const add = (name: NewReportingEvent["name"], userId: number | null, start: Date, end: Date, zero = false) =>
    out.push({
      accountId: c.accountId,
      inboxId: c.inboxId,
      conversationId: c.id,
      userId,
      name,
      value: zero ? 0 : Math.max(0, (end.getTime() - start.getTime()) / 1000),
      valueInBusinessHours: zero ? 0 : businessSeconds(cal, start, end),
      eventStartTime: start,
      eventEndTime: end,
    });
  let episodeStart = c.createdAt;
  let waitingSince: Date | null = c.createdAt; // C1: a new conversation waits from its creation
  let firstReplied = false;
  let resolvedAt: Date | null = null;
  let reopenedSinceResolution = false;
  for (const m of history) {
    const t = m.createdAt;
    if (m.messageType === "activity" && m.content) {
      if (RESOLVED.test(m.content)) {
        add("conversation_resolved", c.assigneeId, episodeStart, t);
        resolvedAt = t;
        reopenedSinceResolution = false;
        waitingSince = null;
      } else if (REOPENED.test(m.content)) {
        add("conversation_opened", c.assigneeId, resolvedAt ?? c.createdAt, t, resolvedAt === null);
        if (resolvedAt && !reopenedSinceResolution) {
          episodeStart = t;
          reopenedSinceResolution = true;
        }
      }
      continue;
    }
    if (m.private) continue;
    if (m.messageType === "incoming") {
      waitingSince ??= t;
    } else if (m.messageType === "outgoing" && m.senderType === "user" && !m.automation) {
      if (!firstReplied) {
        add("first_response", m.senderId, episodeStart, t);
        firstReplied = true;
      } else if (waitingSince) {
        add("reply_time", m.senderId, waitingSince, t);
      }
      waitingSince = null;
    }
  }
  return out;
}

async function calendars(db: Db, inboxIds: number[]): Promise<Map<number, BusinessCalendar>> {
  const rows = await db
    .select({ id: inboxes.id, enabled: inboxes.workingHoursEnabled, timezone: inboxes.timezone, day: workingHours })
    .from(inboxes)
    .leftJoin(workingHours, eq(workingHours.inboxId, inboxes.id))
    .where(inArray(inboxes.id, inboxIds));
  const out = new Map<number, BusinessCalendar>();
  for (const r of rows) {
    const cal = out.get(r.id) ?? { workingHoursEnabled: r.enabled, timezone: r.timezone, schedule: [] };
    if (r.day) cal.schedule.push(r.day);
    out.set(r.id, cal);
  }
  return out;
}

export type BackfillReport = { conversations: number; events: number; rolledThrough: Date };

/** Backfills every conversation without reporting events, `batch` at a time, then folds the message rollup. */
export async function backfillReportingEvents(db: Db, { batch = 500, accountId, log }: { batch?: number; accountId?: number; log?: (line: string) => void } = {}): Promise<BackfillReport> {
  let after = 0;
  let done = 0;
  let written = 0;
  for (;;) {
    const result = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: conversations.id, accountId: conversations.accountId, inboxId: conversations.inboxId, assigneeId: conversations.assigneeId, createdAt: conversations.createdAt })
        .from(conversations)
        .where(and(gt(conversations.id, after), accountId === undefined ? undefined : eq(conversations.accountId, accountId)))
        .orderBy(asc(conversations.id))
        .limit(batch)
        .for("update");
      if (!rows.length) return null;
      const ids = rows.map((r) => r.id);
      const withEvents = new Set((await queryRows<{ id: number }>(tx, sql`select distinct conversation_id as id from reporting_events where conversation_id in ${ids}`)).map((r) => Number(r.id)));
      const todo = rows.filter((r) => !withEvents.has(r.id));
      const events: NewReportingEvent[] = [];
      if (todo.length) {
        const history = await tx
          .select({
            conversationId: messages.conversationId,
            messageType: messages.messageType,
            private: messages.private,
            senderType: messages.senderType,
            senderId: messages.senderId,
            content: messages.content,
            automation: sql<boolean>`(${messages.contentAttributes} ? 'automation_rule_id') or (${messages.additionalAttributes} ? 'campaign_id')`,
            createdAt: messages.createdAt,
          })
          .from(messages)
          .where(
            inArray(
              messages.conversationId,
              todo.map((r) => r.id),
            ),
          )
          .orderBy(asc(messages.conversationId), asc(messages.createdAt), asc(messages.id));
        const cals = await calendars(tx, [...new Set(todo.map((r) => r.inboxId))]);
        const byConversation = new Map<number, ReplayMessage[]>();
        for (const m of history) {
          const list = byConversation.get(m.conversationId) ?? [];
          list.push(m);
          byConversation.set(m.conversationId, list);
        }
        for (const c of todo) events.push(...replayConversation(c, byConversation.get(c.id) ?? [], cals.get(c.inboxId)!));
        for (let i = 0; i < events.length; i += 1000) await tx.insert(reportingEvents).values(events.slice(i, i + 1000));
      }
      return { last: ids[ids.length - 1]!, conversations: todo.length, events: events.length };
    });
    if (!result) break;
    after = result.last;
    done += result.conversations;
    written += result.events;
    log?.(`reports backfill: ${done} conversations, ${written} events (through conversation ${after})`);
  }
  const rolledThrough = await foldAllMessageRollups(db);
  await foldAllEventRollups(db);
  return { conversations: done, events: written, rolledThrough };
}
