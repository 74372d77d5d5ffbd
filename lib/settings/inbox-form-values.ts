import type { InboxWithSettings } from "@/lib/inboxes/get-inbox";
import { DEFAULT_PRE_CHAT_FIELDS } from "@/lib/inboxes/save-inbox";
import { hhmm } from "./working-hours-form";

/** An inbox as the settings forms' initial values, keyed by input name (the API body's paths). */
export function inboxFormValues({ inbox, webWidget: w, workingHours }: InboxWithSettings) {
  const bool = (b: boolean | undefined) => (b ? "true" : "false");
  const widget: Record<string, string> = {
    name: inbox.name,
    "channel.website_url": w?.websiteUrl ?? "",
    "channel.widget_color": w?.widgetColor ?? "#1f93ff",
    "channel.welcome_title": w?.welcomeTitle ?? "",
    "channel.welcome_tagline": w?.welcomeTagline ?? "",
    "channel.reply_time": w?.replyTime ?? "in_a_few_minutes",
    greeting_enabled: bool(inbox.greetingEnabled),
    greeting_message: inbox.greetingMessage ?? "",
    enable_email_collect: bool(inbox.enableEmailCollect),
    lock_to_single_conversation: bool(inbox.lockToSingleConversation),
    allow_messages_after_resolved: bool(inbox.allowMessagesAfterResolved),
    "channel.pre_chat_form_enabled": bool(w?.preChatFormEnabled),
    "channel.pre_chat_form_options.pre_chat_message": w?.preChatFormOptions.pre_chat_message ?? "",
    "channel.allowed_domains": w?.allowedDomains ?? "",
    "channel.hmac_mandatory": bool(w?.hmacMandatory),
  };
  const hours: Record<string, string> = {
    working_hours_enabled: bool(inbox.workingHoursEnabled),
    timezone: inbox.timezone,
    out_of_office_message: inbox.outOfOfficeMessage ?? "",
  };
  for (const d of workingHours) {
    hours[`working_hours.${d.dayOfWeek}.mode`] = d.closedAllDay ? "closed" : d.openAllDay ? "open_all_day" : "hours";
    hours[`working_hours.${d.dayOfWeek}.open`] = hhmm(d.openHour, d.openMinutes) || "09:00";
    hours[`working_hours.${d.dayOfWeek}.close`] = hhmm(d.closeHour, d.closeMinutes) || "17:00";
  }
  const c = inbox.autoAssignmentConfig;
  const assignment = {
    enable_auto_assignment: bool(inbox.enableAutoAssignment),
    mode: c.mode,
    max: c.max_assignment_limit == null ? "" : String(c.max_assignment_limit),
    fairLimit: String(c.fair_distribution_limit),
    fairWindow: String(c.fair_distribution_window_s),
  };
  const flags = w ? [w.featureAttachments && "attachments", w.featureEmojiPicker && "emoji_picker", w.featureEndConversation && "end_conversation"].filter((f): f is string => !!f) : [];
  const stored = w?.preChatFormOptions.pre_chat_fields ?? [];
  const preChatFields = DEFAULT_PRE_CHAT_FIELDS.map((d) => stored.find((f) => f.name === d.name) ?? d).map((f) => ({ name: f.name, label: f.label, enabled: f.enabled, required: f.required }));
  return { widget, hours, assignment, flags, preChatFields };
}
