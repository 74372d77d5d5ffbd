import { and, asc, eq, gt, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, contacts, inboxes, messages, workingHours, type Conversation, type WorkingHour } from "@/db/schema";
import { toLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { isInboxOpenAt } from "@/lib/inboxes/working-hours";
import { startOfZonedDay } from "@/lib/inboxes/zoned-time";
import { insertMessage } from "./insert-message";

/** Marks which automatic message a template is, so "already sent" checks need no content matching. */
export type AutoMessageKind = "greeting" | "out_of_office" | "email_collect";
/** The email-collect prompt Parley writes, in the account's language when it is sent (stored as written). */
export const emailCollectContent = (locale: Locale) => translator(locale)("server.automatic.emailCollect");
const RECENT_REPLY_MS = 5 * 60 * 1000;

/**
 * AM1–AM3 for web-widget inboxes, after an incoming message, in its transaction. All conditions are
 * judged on the state before any of them is written (so the out-of-office template does not
 * suppress the greeting), then written in Chatwoot's order: out-of-office, greeting, email collect.
 */
export async function sendAutomaticMessages(tx: Db, conversation: Conversation, now: Date): Promise<AutoMessageKind[]> {
  // One statement for the inbox and the conversation's state; the schedule only when out-of-office could apply (B2).
  const [state] = await tx
    .select({
      inbox: inboxes,
      repliedOrTemplated: sql<boolean>`exists (select 1 from ${messages} m where m.conversation_id = ${conversation.id} and m.message_type in ('outgoing', 'template'))`,
      emailCollectSent: sql<boolean>`exists (select 1 from ${messages} m where m.conversation_id = ${conversation.id} and m.content_type = 'input_email')`,
      contactEmail: contacts.email,
      locale: accounts.locale,
    })
    .from(inboxes)
    .innerJoin(contacts, eq(contacts.id, conversation.contactId))
    .innerJoin(accounts, eq(accounts.id, inboxes.accountId))
    .where(eq(inboxes.id, conversation.inboxId));
  if (!state) return [];
  const { inbox } = state;
  if (inbox.channelType !== "web_widget") return [];

  const due: AutoMessageKind[] = [];
  if (inbox.workingHoursEnabled && inbox.outOfOfficeMessage?.trim() && !isInboxOpenAt(inbox, await scheduleOf(tx, inbox.id), now)) {
    if (!(await recentlyRepliedOrAlreadyOutOfOffice(tx, conversation.id, inbox.timezone, now))) due.push("out_of_office");
  }
  // AM1: greeting while the conversation has no outgoing or template message yet.
  if (inbox.greetingEnabled && inbox.greetingMessage?.trim() && !state.repliedOrTemplated) due.push("greeting");
  // AM3: once per conversation, while the contact has no email.
  if (inbox.enableEmailCollect && !state.contactEmail && !state.emailCollectSent) due.push("email_collect");

  for (const kind of due) {
    await insertMessage(tx, conversation, {
      messageType: "template",
      content: kind === "greeting" ? inbox.greetingMessage : kind === "out_of_office" ? inbox.outOfOfficeMessage : emailCollectContent(toLocale(state.locale)),
      contentType: kind === "email_collect" ? "input_email" : "text",
      additionalAttributes: { auto_message: kind },
      createdAt: now,
    });
  }
  return due;
}

/** AM2 exceptions: an agent's public reply in the last 5 minutes, or an out-of-office already today (inbox clock). */
async function recentlyRepliedOrAlreadyOutOfOffice(tx: Db, conversationId: number, timeZone: string, now: Date): Promise<boolean> {
  const [recentReply] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.messageType, "outgoing"), eq(messages.private, false), gt(messages.createdAt, new Date(now.getTime() - RECENT_REPLY_MS))))
    .limit(1);
  if (recentReply) return true;
  const [today] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        inArray(messages.messageType, ["template"]),
        sql`${messages.additionalAttributes}->>'auto_message' = 'out_of_office'`,
        gte(messages.createdAt, startOfZonedDay(timeZone, now)),
      ),
    )
    .limit(1);
  return Boolean(today);
}

/** The inbox's weekly schedule, as getInboxWithSettingsById reads it. */
function scheduleOf(tx: Db, inboxId: number): Promise<WorkingHour[]> {
  return tx.select().from(workingHours).where(eq(workingHours.inboxId, inboxId)).orderBy(asc(workingHours.dayOfWeek));
}
