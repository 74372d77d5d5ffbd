import type { InboxWithSettings } from "@/lib/inboxes/get-inbox";
import { embedSnippet } from "@/lib/inboxes/embed-snippet";
import { CHANNEL_CLASS } from "./conversation-push";
import { presentWeeklySchedule } from "./public-inbox";

/**
 * `api/v1/models/_inbox` (chatwoot-api.md §1 Inbox), keys in the view's order. `hmac_token` is written
 * only for administrators, as Chatwoot does; `web_widget_script` is Parley's own snippet (SPEC W1).
 * An API-channel inbox (AP1) has Chatwoot's API-channel keys instead of the widget's.
 */
export function presentAppInbox(settings: InboxWithSettings, opts: { isAdministrator: boolean; origin: string }): Record<string, unknown> {
  if (settings.inbox.channelType === "api") return presentApiInbox(settings, opts);
  const { inbox, webWidget: w } = settings;
  const flags = w ? [w.featureAttachments && "attachments", w.featureEmojiPicker && "emoji_picker", w.featureEndConversation && "end_conversation"].filter((f): f is string => !!f) : null;
  const out: Record<string, unknown> = {
    ...inboxBase(settings, w?.id ?? inbox.id, CHANNEL_CLASS[inbox.channelType]),
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

/**
 * AP1: an API-channel inbox as Chatwoot writes one — `channel_type: "Channel::Api"`, `webhook_url`,
 * `inbox_identifier` (the Client API's path segment), `hmac_token` for administrators — with the
 * widget's keys null. The signing secret is not here: only create and rotate answer with it (AP2).
 */
function presentApiInbox(settings: InboxWithSettings, opts: { isAdministrator: boolean }): Record<string, unknown> {
  const { inbox, webWidget: w, apiChannel: c } = settings;
  const out: Record<string, unknown> = {
    ...inboxBase(settings, c?.id ?? inbox.id, CHANNEL_CLASS.api),
    allowed_domains: null,
    widget_color: null,
    website_url: null,
    hmac_mandatory: w?.hmacMandatory ?? false,
    welcome_title: null,
    welcome_tagline: null,
    web_widget_script: null,
    website_token: null,
    selected_feature_flags: null,
    reply_time: null,
  };
  if (opts.isAdministrator && w) out.hmac_token = w.hmacToken;
  out.webhook_url = c?.webhookUrl ?? null;
  out.inbox_identifier = w?.websiteToken ?? null;
  out.additional_attributes = {};
  out.messaging_service_sid = null;
  out.phone_number = null;
  out.provider = null;
  return out;
}

/** The keys every channel's inbox writes alike, in the view's order, up to the channel's own. */
function inboxBase({ inbox, workingHours }: InboxWithSettings, channelId: number, channelType: string): Record<string, unknown> {
  return {
    id: inbox.id,
    avatar_url: "",
    channel_id: channelId,
    name: inbox.name,
    channel_type: channelType,
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
  };
}
