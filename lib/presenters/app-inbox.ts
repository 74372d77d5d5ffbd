import type { InboxWithSettings } from "@/lib/inboxes/get-inbox";
import { embedSnippet } from "@/lib/inboxes/embed-snippet";
import { CHANNEL_CLASS } from "./conversation-push";
import { presentWeeklySchedule } from "./public-inbox";

/**
 * `api/v1/models/_inbox` (chatwoot-api.md §1 Inbox), keys in the view's order. `hmac_token` is written
 * only for administrators, as Chatwoot does; `web_widget_script` is Parley's own snippet (SPEC W1).
 */
export function presentAppInbox({ inbox, webWidget: w, workingHours }: InboxWithSettings, opts: { isAdministrator: boolean; origin: string }): Record<string, unknown> {
  const flags = w ? [w.featureAttachments && "attachments", w.featureEmojiPicker && "emoji_picker", w.featureEndConversation && "end_conversation"].filter((f): f is string => !!f) : null;
  const out: Record<string, unknown> = {
    id: inbox.id,
    avatar_url: "",
    channel_id: w?.id ?? inbox.id,
    name: inbox.name,
    channel_type: CHANNEL_CLASS[inbox.channelType],
    greeting_enabled: inbox.greetingEnabled,
    greeting_message: inbox.greetingMessage,
    working_hours_enabled: inbox.workingHoursEnabled,
    enable_email_collect: inbox.enableEmailCollect,
    csat_survey_enabled: inbox.csatSurveyEnabled,
    csat_config: {},
    enable_auto_assignment: inbox.enableAutoAssignment,
    auto_assignment_config: inbox.autoAssignmentConfig,
    out_of_office_message: inbox.outOfOfficeMessage,
    working_hours: presentWeeklySchedule(workingHours),
    timezone: inbox.timezone,
    callback_webhook_url: null,
    allow_messages_after_resolved: inbox.allowMessagesAfterResolved,
    lock_to_single_conversation: inbox.lockToSingleConversation,
    sender_name_type: "friendly",
    business_name: null,
    allowed_domains: w?.allowedDomains ?? null,
    widget_color: w?.widgetColor ?? null,
    website_url: w?.websiteUrl ?? null,
    hmac_mandatory: w?.hmacMandatory ?? null,
    welcome_title: w?.welcomeTitle ?? null,
    welcome_tagline: w?.welcomeTagline ?? null,
    web_widget_script: w ? embedSnippet(w.websiteToken, opts.origin, w.widgetColor) : null,
    website_token: w?.websiteToken ?? null,
    selected_feature_flags: flags,
    reply_time: w?.replyTime ?? null,
  };
  if (w) {
    if (opts.isAdministrator) out.hmac_token = w.hmacToken;
    out.pre_chat_form_enabled = w.preChatFormEnabled;
    out.pre_chat_form_options = w.preChatFormOptions;
    out.continuity_via_email = true;
  }
  out.messaging_service_sid = null;
  out.phone_number = null;
  out.provider = null;
  return out;
}
