import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiChannels, defaultAutoAssignmentConfig, inboxes, webWidgets, workingHours, type Inbox, type NewInbox, type WebWidget } from "@/db/schema";
import { secureToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { newSecret } from "@/lib/webhooks/webhooks";
import { getInboxWithSettingsById, type InboxWithSettings } from "./get-inbox";
import { FEATURE_FLAGS, PRE_CHAT_FIELD_NAMES, type InboxCreate, type InboxUpdate, type WorkingHourInput } from "./inbox-input";
import { settleLookupCache } from "@/lib/realtime/process-hub";

/** Chatwoot's defaults for a new inbox: Sunday and Saturday closed, Monday–Friday 09:00–17:00. */
export const DEFAULT_WEEK: WorkingHourInput[] = [0, 1, 2, 3, 4, 5, 6].map((day) =>
  day === 0 || day === 6
    ? { day_of_week: day, closed_all_day: true, open_all_day: false, open_hour: null, open_minutes: null, close_hour: null, close_minutes: null }
    : { day_of_week: day, closed_all_day: false, open_all_day: false, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 0 },
);

export const DEFAULT_PRE_CHAT_FIELDS = PRE_CHAT_FIELD_NAMES.map((name) => ({
  name,
  label: { emailAddress: "Email Id", fullName: "Full name", phoneNumber: "Phone number" }[name],
  type: ({ emailAddress: "email", fullName: "text", phoneNumber: "phone" } as const)[name],
  enabled: false,
  required: false,
}));

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * A website inbox with its widget settings and the default week, in one transaction (SPEC §4). An API
 * inbox (AP1, `channel.type: "api"`) gets the same row for its identifier and identity verification,
 * plus its api_channels row (webhook_url and a new signing secret, AP2).
 */
export async function createInbox(db: Db, { accountId, input }: { accountId: number; input: InboxCreate }): Promise<InboxWithSettings> {
  const api = input.channel?.type === "api";
  const inboxId = await db.transaction(async (tx) => {
    const [inbox] = await tx
      .insert(inboxes)
      .values({ accountId, name: input.name, channelType: api ? "api" : "web_widget", ...inboxColumns(input, null) })
      .returning();
    if (api) await tx.insert(apiChannels).values({ accountId, inboxId: inbox!.id, webhookUrl: input.channel?.webhook_url ?? null, secret: newSecret() });
    await tx.insert(webWidgets).values({
      accountId,
      inboxId: inbox!.id,
      websiteToken: secureToken(),
      hmacToken: secureToken(),
      preChatFormOptions: { pre_chat_fields: DEFAULT_PRE_CHAT_FIELDS },
      ...widgetColumns(input.channel),
    });
    await tx.insert(workingHours).values(DEFAULT_WEEK.map((d) => ({ accountId, inboxId: inbox!.id, ...hourColumns(d) })));
    return inbox!.id;
  });
  return getInboxWithSettingsById(db, { inboxId, accountId });
}

/** Changes only what the input names; the schedule's days are replaced one by one. One transaction. */
export async function updateInbox(db: Db, { accountId, inboxId, input }: { accountId: number; inboxId: number; input: InboxUpdate }): Promise<InboxWithSettings> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(inboxes)
      .where(and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId)))
      .for("update");
    if (!current) throw AppError.notFound();
    const columns = inboxColumns(input, current);
    if (input.name !== undefined) columns.name = input.name;
    if (Object.keys(columns).length > 0)
      await tx
        .update(inboxes)
        .set({ ...columns, updatedAt: new Date() })
        .where(eq(inboxes.id, inboxId));
    const widget = widgetColumns(input.channel);
    if (Object.keys(widget).length > 0)
      await tx
        .update(webWidgets)
        .set({ ...widget, updatedAt: new Date() })
        .where(eq(webWidgets.inboxId, inboxId));
    for (const day of input.working_hours ?? []) await upsertDay(tx, accountId, inboxId, day);
    if (current.channelType === "api" && input.channel?.webhook_url !== undefined) {
      await tx.update(apiChannels).set({ webhookUrl: input.channel.webhook_url, updatedAt: new Date() }).where(eq(apiChannels.inboxId, inboxId));
    }
  });
  await settleLookupCache(); // E8: the Client API's cached look-up of this inbox is dropped here before the answer
  return getInboxWithSettingsById(db, { inboxId, accountId });
}

/** Deletes the inbox; its widget, schedule, members, conversations and messages go with it (cascade). */
export async function deleteInbox(db: Db, { accountId, inboxId }: { accountId: number; inboxId: number }): Promise<void> {
  const deleted = await db
    .delete(inboxes)
    .where(and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId)))
    .returning({ id: inboxes.id });
  if (deleted.length === 0) throw AppError.notFound();
  await settleLookupCache(); // E8
}

/** A new identity-verification secret; identifier hashes made with the old one stop verifying. */
export async function rotateHmacToken(db: Db, { accountId, inboxId }: { accountId: number; inboxId: number }): Promise<string> {
  const token = secureToken();
  const rows = await db
    .update(webWidgets)
    .set({ hmacToken: token, updatedAt: new Date() })
    .where(and(eq(webWidgets.inboxId, inboxId), eq(webWidgets.accountId, accountId)))
    .returning({ id: webWidgets.id });
  if (rows.length === 0) throw AppError.notFound();
  await settleLookupCache(); // E8
  return token;
}

/** AP2: a new signing secret for an API inbox's webhook_url; later attempts (retries too) use it. Returns it, shown once. */
export async function rotateApiInboxSecret(db: Db, { accountId, inboxId }: { accountId: number; inboxId: number }): Promise<string> {
  const secret = newSecret();
  const rows = await db
    .update(apiChannels)
    .set({ secret, updatedAt: new Date() })
    .where(and(eq(apiChannels.inboxId, inboxId), eq(apiChannels.accountId, accountId)))
    .returning({ id: apiChannels.id });
  if (rows.length === 0) throw AppError.notFound();
  return secret;
}

function inboxColumns(input: InboxUpdate, current: Inbox | null): Partial<NewInbox> {
  const out: Partial<NewInbox> = {};
  if (input.greeting_enabled !== undefined) out.greetingEnabled = input.greeting_enabled;
  if (input.greeting_message !== undefined) out.greetingMessage = input.greeting_message || null;
  if (input.enable_email_collect !== undefined) out.enableEmailCollect = input.enable_email_collect;
  if (input.enable_auto_assignment !== undefined) out.enableAutoAssignment = input.enable_auto_assignment;
  if (input.auto_assignment_config !== undefined) {
    const merged = { ...(current?.autoAssignmentConfig ?? defaultAutoAssignmentConfig), ...input.auto_assignment_config };
    if (merged.max_assignment_limit == null) delete merged.max_assignment_limit;
    out.autoAssignmentConfig = merged;
  }
  if (input.working_hours_enabled !== undefined) out.workingHoursEnabled = input.working_hours_enabled;
  if (input.out_of_office_message !== undefined) out.outOfOfficeMessage = input.out_of_office_message || null;
  if (input.timezone !== undefined) out.timezone = input.timezone;
  if (input.allow_messages_after_resolved !== undefined) out.allowMessagesAfterResolved = input.allow_messages_after_resolved;
  if (input.lock_to_single_conversation !== undefined) out.lockToSingleConversation = input.lock_to_single_conversation;
  if (input.csat_survey_enabled !== undefined) out.csatSurveyEnabled = input.csat_survey_enabled;
  return out;
}

function widgetColumns(channel: InboxUpdate["channel"]): Partial<WebWidget> {
  const out: Partial<WebWidget> = {};
  if (!channel) return out;
  if (channel.website_url !== undefined) out.websiteUrl = channel.website_url || null;
  if (channel.widget_color !== undefined) out.widgetColor = channel.widget_color.toLowerCase();
  if (channel.welcome_title !== undefined) out.welcomeTitle = channel.welcome_title || null;
  if (channel.welcome_tagline !== undefined) out.welcomeTagline = channel.welcome_tagline || null;
  if (channel.reply_time !== undefined) out.replyTime = channel.reply_time;
  if (channel.selected_feature_flags !== undefined) {
    const flags = new Set(channel.selected_feature_flags);
    [out.featureAttachments, out.featureEmojiPicker, out.featureEndConversation] = FEATURE_FLAGS.map((f) => flags.has(f));
  }
  if (channel.pre_chat_form_enabled !== undefined) out.preChatFormEnabled = channel.pre_chat_form_enabled;
  if (channel.pre_chat_form_options !== undefined) {
    const fields = channel.pre_chat_form_options.pre_chat_fields ?? [];
    out.preChatFormOptions = {
      pre_chat_message: channel.pre_chat_form_options.pre_chat_message ?? undefined,
      pre_chat_fields: DEFAULT_PRE_CHAT_FIELDS.map((d) => {
        const given = fields.find((f) => f.name === d.name);
        return given ? { ...d, label: given.label || d.label, enabled: given.enabled, required: given.enabled && given.required } : d;
      }),
    };
  }
  if (channel.hmac_mandatory !== undefined) out.hmacMandatory = channel.hmac_mandatory;
  if (channel.allowed_domains !== undefined) out.allowedDomains = channel.allowed_domains;
  return out;
}

function hourColumns(d: WorkingHourInput) {
  const timed = !d.closed_all_day && !d.open_all_day;
  return {
    dayOfWeek: d.day_of_week,
    closedAllDay: d.closed_all_day,
    openAllDay: d.open_all_day,
    openHour: timed ? (d.open_hour ?? null) : null,
    openMinutes: timed ? (d.open_minutes ?? 0) : null,
    closeHour: timed ? (d.close_hour ?? null) : null,
    closeMinutes: timed ? (d.close_minutes ?? 0) : null,
  };
}

async function upsertDay(tx: Tx, accountId: number, inboxId: number, d: WorkingHourInput) {
  const values = hourColumns(d);
  await tx
    .insert(workingHours)
    .values({ accountId, inboxId, ...values })
    .onConflictDoUpdate({ target: [workingHours.inboxId, workingHours.dayOfWeek], set: { ...values, updatedAt: new Date() } });
}
