import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { inboxes, reportingEvents, workingHours, type Conversation, type ConversationStatus, type Message, type ReportingEventName } from "@/db/schema";
import { businessSeconds, type BusinessCalendar } from "./business-hours";

/**
 * Reporting events (docs/reports.md), written by the transaction that makes the change, under the
 * conversation's row lock: an event exists only if its cause committed, and two racing requests
 * cannot both record it (the second sees the first's state). Each call is one or two statements and
 * runs only on agent replies and status changes — never on a visitor's message (B2).
 */

async function calendar(tx: Db, inboxId: number): Promise<BusinessCalendar> {
  const rows = await tx
    .select({ enabled: inboxes.workingHoursEnabled, timezone: inboxes.timezone, day: workingHours })
    .from(inboxes)
    .leftJoin(workingHours, eq(workingHours.inboxId, inboxes.id))
    .where(eq(inboxes.id, inboxId));
  const first = rows[0];
  return {
    workingHoursEnabled: first?.enabled ?? false,
    timezone: first?.timezone ?? "UTC",
    schedule: rows.flatMap((r) => (r.day ? [r.day] : [])),
  };
}

/**
 * When the conversation's current episode began: its creation, or the first reopening after its
 * latest resolution. First response and resolution time are measured from here.
 */
async function episodeStart(tx: Db, conversation: Conversation): Promise<Date> {
  const [row] = await queryRows<{ at: Date | string | null }>(
    tx,
    sql`
    select min(o.event_end_time) as at
      from reporting_events o
     where o.conversation_id = ${conversation.id} and o.name = 'conversation_opened'
       and o.event_end_time >= (select max(r.event_end_time) from reporting_events r
                                 where r.conversation_id = ${conversation.id} and r.name = 'conversation_resolved')`,
  );
  return row?.at ? new Date(row.at) : conversation.createdAt;
}

async function lastResolution(tx: Db, conversationId: number): Promise<Date | null> {
  const [row] = await tx
    .select({ at: sql<Date | string | null>`max(${reportingEvents.eventEndTime})` })
    .from(reportingEvents)
    .where(and(eq(reportingEvents.conversationId, conversationId), eq(reportingEvents.name, "conversation_resolved")));
  return row?.at ? new Date(row.at) : null;
}

async function insertEvent(tx: Db, conversation: Conversation, e: { name: ReportingEventName; userId: number | null; start: Date; end: Date; zeroValue?: boolean }): Promise<void> {
  const cal = await calendar(tx, conversation.inboxId);
  const value = e.zeroValue ? 0 : Math.max(0, (e.end.getTime() - e.start.getTime()) / 1000);
  await tx.insert(reportingEvents).values({
    accountId: conversation.accountId,
    inboxId: conversation.inboxId,
    conversationId: conversation.id,
    userId: e.userId,
    name: e.name,
    value,
    valueInBusinessHours: e.zeroValue ? 0 : businessSeconds(cal, e.start, e.end),
    eventStartTime: e.start,
    eventEndTime: e.end,
  });
}

/**
 * An agent's public reply (M3): the conversation's first human response (`first_response`, from the
 * episode's start) or an answer to a waiting visitor (`reply_time`, from `waiting_since`). The caller
 * decides which, from the state it holds under the lock.
 */
export async function recordReply(tx: Db, conversation: Conversation, message: Message, reply: { first: true } | { first: false; waitingSince: Date }): Promise<void> {
  const userId = message.senderType === "user" ? message.senderId : null;
  if (reply.first) {
    await insertEvent(tx, conversation, { name: "first_response", userId, start: await episodeStart(tx, conversation), end: message.createdAt });
  } else {
    await insertEvent(tx, conversation, { name: "reply_time", userId, start: reply.waitingSince, end: message.createdAt });
  }
}

/**
 * A status change that happened (from ≠ to): resolving records `conversation_resolved` (from the
 * episode's start, credited to the assignee); opening records `conversation_opened` (seconds since
 * the last resolution, 0 when it never was resolved). An agent bot opening its pending conversation —
 * handing it to the team, or failing and being handed off (AB5, AB6) — also records
 * `conversation_bot_handoff` (seconds from the conversation's creation), once per conversation as in
 * Chatwoot; the caller holds the conversation's row lock, so two hand-offs cannot both record it.
 */
export async function recordStatusChange(tx: Db, conversation: Conversation, change: { from: ConversationStatus; to: ConversationStatus; at: Date; byBot?: boolean }): Promise<void> {
  if (change.from === change.to) return;
  if (change.byBot && change.from === "pending" && change.to === "open") {
    const [done] = await tx
      .select({ id: reportingEvents.id })
      .from(reportingEvents)
      .where(and(eq(reportingEvents.conversationId, conversation.id), eq(reportingEvents.name, "conversation_bot_handoff")))
      .limit(1);
    if (!done) await insertEvent(tx, conversation, { name: "conversation_bot_handoff", userId: null, start: conversation.createdAt, end: change.at });
  }
  if (change.to === "resolved") {
    await insertEvent(tx, conversation, { name: "conversation_resolved", userId: conversation.assigneeId, start: await episodeStart(tx, conversation), end: change.at });
  } else if (change.to === "open") {
    const resolvedAt = await lastResolution(tx, conversation.id);
    await insertEvent(tx, conversation, {
      name: "conversation_opened",
      userId: conversation.assigneeId,
      start: resolvedAt ?? conversation.createdAt,
      end: change.at,
      zeroValue: resolvedAt === null,
    });
  }
}

/**
 * recordStatusChange for many conversations taking the same status (bulk actions and macros, WF5):
 * the same events with the same values, read and written in a fixed number of statements — one read
 * of every conversation's last resolution and episode start, one calendar per inbox, one insert.
 */
export async function recordStatusChanges(tx: Db, changes: { conversation: Conversation; from: ConversationStatus }[], to: ConversationStatus, at: Date): Promise<void> {
  const due = changes.filter((c) => c.from !== to);
  if (!due.length || (to !== "resolved" && to !== "open")) return;
  const ids = sql.join(
    due.map((c) => sql`${c.conversation.id}::int`),
    sql`, `,
  );
  const rows = await queryRows<{ id: number; resolved_at: Date | string | null; episode_start: Date | string | null }>(
    tx,
    sql`
    select c.id,
           (select max(r.event_end_time) from reporting_events r where r.conversation_id = c.id and r.name = 'conversation_resolved') as resolved_at,
           (select min(o.event_end_time)
              from reporting_events o
             where o.conversation_id = c.id and o.name = 'conversation_opened'
               and o.event_end_time >= (select max(r.event_end_time) from reporting_events r where r.conversation_id = c.id and r.name = 'conversation_resolved')) as episode_start
      from conversations c
     where c.id in (${ids})`,
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const calendars = new Map<number, BusinessCalendar>();
  for (const inboxId of new Set(due.map((c) => c.conversation.inboxId))) calendars.set(inboxId, await calendar(tx, inboxId));
  const values = due.map(({ conversation: c }) => {
    const row = byId.get(c.id);
    const resolvedAt = row?.resolved_at ? new Date(row.resolved_at) : null;
    const start = to === "resolved" ? (row?.episode_start ? new Date(row.episode_start) : c.createdAt) : (resolvedAt ?? c.createdAt);
    const zero = to === "open" && resolvedAt === null;
    return {
      accountId: c.accountId,
      inboxId: c.inboxId,
      conversationId: c.id,
      userId: c.assigneeId,
      name: (to === "resolved" ? "conversation_resolved" : "conversation_opened") as ReportingEventName,
      value: zero ? 0 : Math.max(0, (at.getTime() - start.getTime()) / 1000),
      valueInBusinessHours: zero ? 0 : businessSeconds(calendars.get(c.inboxId)!, start, at),
      eventStartTime: start,
      eventEndTime: at,
    };
  });
  await tx.insert(reportingEvents).values(values);
}
