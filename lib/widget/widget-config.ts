import { messagesFor } from "@/lib/i18n/catalogues";
import { DEFAULT_LOCALE, LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";
import type { Db } from "@/db/client";
import type { Contact, ContactInbox, Inbox, WebWidget, WorkingHour } from "@/db/schema";
import { findOrCreateContactInbox } from "@/lib/contacts/contact-inboxes";
import { getInboxWithSettingsById } from "@/lib/inboxes/get-inbox";
import { isInboxOpenAt } from "@/lib/inboxes/working-hours";
import { isInboxOnline } from "@/lib/presence/inbox-online";
import { iso } from "@/lib/presenters/time";
import { signWidgetToken } from "./widget-token";

export type WidgetSessionRow = { contact: Contact; contactInbox: ContactInbox };

/**
 * §C1: the visitor's session — the token's contact_inbox, or a new anonymous contact + contact_inbox
 * when the token is absent or invalid — and a fresh token for it (Chatwoot issues one every call).
 */
export async function openWidgetSession(
  db: Db,
  { inbox, session, beforeCreate }: { inbox: Inbox; session: WidgetSessionRow | null; /** W6: counts a new contact per IP; throwing stops it. */ beforeCreate?: () => Promise<void> },
): Promise<WidgetSessionRow & { token: string; created: boolean }> {
  if (!session) await beforeCreate?.();
  const found = session ?? (await findOrCreateContactInbox(db, { accountId: inbox.accountId, inboxId: inbox.id, mode: "discard" }));
  const token = await signWidgetToken({ source_id: found.contactInbox.sourceId, inbox_id: inbox.id });
  return { contact: found.contact, contactInbox: found.contactInbox, token, created: !session };
}

export function enabledFeatures(widget: WebWidget): string[] {
  return [...(widget.featureAttachments ? ["attachments"] : []), ...(widget.featureEmojiPicker ? ["emoji_picker"] : []), ...(widget.featureEndConversation ? ["end_conversation"] : [])];
}

/** "+05:30" for the inbox's zone at `now` (Chatwoot's utc_off_set). */
export function utcOffset(timeZone: string, now: Date): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(now).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? "00"}` : "+00:00";
}

function rawWorkingHour(w: WorkingHour) {
  return {
    id: w.id,
    inbox_id: w.inboxId,
    account_id: w.accountId,
    day_of_week: w.dayOfWeek,
    closed_all_day: w.closedAllDay,
    open_hour: w.openHour,
    open_minutes: w.openMinutes,
    close_hour: w.closeHour,
    close_minutes: w.closeMinutes,
    created_at: iso(w.createdAt),
    updated_at: iso(w.updatedAt),
    open_all_day: w.openAllDay,
  };
}

/**
 * §C1's response (chatwoot-api.md §C). Parley adds `is_open` (inside working hours now) and `is_online`
 * (P3: open and an inbox member effectively online), so the widget's header needs no second request.
 */
export async function presentWidgetConfig(
  db: Db,
  { inbox, widget, session, locale = DEFAULT_LOCALE, now = new Date() }: { inbox: Inbox; widget: WebWidget; session: WidgetSessionRow & { token: string }; locale?: Locale; now?: Date },
) {
  const { workingHours } = await getInboxWithSettingsById(db, { inboxId: inbox.id });
  const { contact, contactInbox } = session;
  return {
    website_channel_config: {
      allow_messages_after_resolved: inbox.allowMessagesAfterResolved,
      api_host: null,
      auth_token: session.token,
      avatar_url: "",
      csat_survey_enabled: inbox.csatSurveyEnabled,
      disable_branding: false,
      enabled_features: enabledFeatures(widget),
      enabled_languages: LOCALES.map((code) => ({ name: LOCALE_NAMES[code], iso_639_1_code: code })),
      locale,
      out_of_office_message: inbox.outOfOfficeMessage,
      portal: null,
      pre_chat_form_enabled: widget.preChatFormEnabled,
      pre_chat_form_options: widget.preChatFormOptions,
      reply_time: widget.replyTime,
      timezone: inbox.timezone,
      utc_off_set: utcOffset(inbox.timezone, now),
      website_name: inbox.name,
      website_token: widget.websiteToken,
      welcome_tagline: widget.welcomeTagline,
      welcome_title: widget.welcomeTitle,
      widget_color: widget.widgetColor,
      working_hours: workingHours.map(rawWorkingHour),
      working_hours_enabled: inbox.workingHoursEnabled,
      is_open: isInboxOpenAt(inbox, workingHours, now),
      is_online: await isInboxOnline(db, inbox.id, now),
    },
    contact: { email: contact.email, id: contact.id, identifier: contact.identifier, name: contact.name, phone_number: contact.phoneNumber, pubsub_token: contactInbox.pubsubToken },
    global_config: { LOGO_THUMBNAIL: "", BRAND_NAME: "Parley", WIDGET_BRAND_URL: "", MAXIMUM_FILE_UPLOAD_SIZE: 40, INSTALLATION_NAME: "Parley" },
    /** Parley's addition: the widget's words in `locale` only, so the widget needs no catalogue of its own (B5). */
    i18n: messagesFor(locale).widget,
  };
}
