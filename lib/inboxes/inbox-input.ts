import { z } from "zod";
import { BLANK, hexColour, trimmedText } from "@/lib/validation";
import { outboundUrlField } from "@/lib/webhooks/url-field";
import { isValidTimeZone } from "./zoned-time";

/**
 * The inbox body of POST/PATCH /inboxes (chatwoot-api.md §B4) — top-level inbox fields, web-widget
 * or API-channel (AP1: `type: "api"`, `webhook_url`, `hmac_mandatory`) fields under `channel`, and `working_hours` — shared by the Application API and the settings forms
 * (the forms build this same object from their fields), so both refuse the same input the same way.
 */
const text = trimmedText;
const optionalText = (max: number) => text(max).nullable().optional();

export const REPLY_TIMES = ["in_a_few_minutes", "in_a_few_hours", "in_a_day"] as const;
export const FEATURE_FLAGS = ["attachments", "emoji_picker", "end_conversation"] as const;
export const PRE_CHAT_FIELD_NAMES = ["emailAddress", "fullName", "phoneNumber"] as const;

const preChatField = z.object({
  name: z.enum(PRE_CHAT_FIELD_NAMES),
  label: text(100).optional(),
  type: z.enum(["text", "email", "phone", "textarea"]).optional(),
  field_type: z.string().optional(),
  enabled: z.boolean().default(false),
  required: z.boolean().default(false),
});

/** AP1: an API inbox's webhook_url (optional; "" clears it), checked like a webhook's URL (WH4). */
const webhookUrl = z.preprocess((v) => (v === "" ? null : v), outboundUrlField.nullable()).optional();

const channelSchema = z.object({
  type: z.enum(["web_widget", "api"], "must be web_widget or api").optional(),
  webhook_url: webhookUrl,
  website_url: optionalText(2000),
  widget_color: hexColour.optional(),
  welcome_title: optionalText(255),
  welcome_tagline: optionalText(255),
  reply_time: z.enum(REPLY_TIMES, "is not a valid reply time").optional(),
  selected_feature_flags: z.array(z.enum([...FEATURE_FLAGS, "use_inbox_avatar_for_bot"], "is not a feature")).optional(),
  pre_chat_form_enabled: z.boolean().optional(),
  pre_chat_form_options: z.object({ pre_chat_message: optionalText(1000), pre_chat_fields: z.array(preChatField).max(10).optional() }).optional(),
  hmac_mandatory: z.boolean().optional(),
  allowed_domains: text(5000).optional(),
  continuity_via_email: z.boolean().optional(),
});

const hour = z.number().int().min(0).max(23).nullable().optional();
const minute = z.number().int().min(0).max(59).nullable().optional();
export const workingHourSchema = z
  .object({
    day_of_week: z.number().int().min(0).max(6),
    closed_all_day: z.boolean().default(false),
    open_all_day: z.boolean().default(false),
    open_hour: hour,
    open_minutes: minute,
    close_hour: hour,
    close_minutes: minute,
  })
  .superRefine((d, ctx) => {
    if (d.closed_all_day || d.open_all_day) return;
    if (d.open_hour == null || d.close_hour == null) {
      ctx.addIssue({ code: "custom", path: ["open_hour"], message: "needs an opening and a closing time" });
      return;
    }
    if (d.open_hour * 60 + (d.open_minutes ?? 0) >= d.close_hour * 60 + (d.close_minutes ?? 0)) {
      ctx.addIssue({ code: "custom", path: ["close_hour"], message: "must be after the opening time" });
    }
  });
export type WorkingHourInput = z.output<typeof workingHourSchema>;

const autoAssignmentConfig = z.object({
  mode: z.enum(["round_robin", "balanced"], "must be round_robin or balanced").optional(),
  max_assignment_limit: z.number("must be a number").int().min(1, "must be at least 1").max(10_000).nullable().optional(),
  fair_distribution_limit: z.number("must be a number").int().min(1, "must be at least 1").max(100_000).optional(),
  fair_distribution_window_s: z
    .number("must be a number")
    .int()
    .min(60, "must be at least 60 seconds")
    .max(30 * 86_400)
    .optional(),
});

const inboxFields = {
  name: text(255).min(1, BLANK).optional(),
  greeting_enabled: z.boolean().optional(),
  greeting_message: optionalText(10_000),
  enable_email_collect: z.boolean().optional(),
  enable_auto_assignment: z.boolean().optional(),
  auto_assignment_config: autoAssignmentConfig.optional(),
  working_hours_enabled: z.boolean().optional(),
  out_of_office_message: optionalText(10_000),
  timezone: z.string().refine(isValidTimeZone, "is not a valid IANA time zone").optional(),
  allow_messages_after_resolved: z.boolean().optional(),
  lock_to_single_conversation: z.boolean().optional(),
  csat_survey_enabled: z.boolean().optional(),
  channel: channelSchema.optional(),
};

// Chatwoot turns the top-level string "null" into nil.
const nullStrings = (v: unknown) => (typeof v === "object" && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === "null" ? null : x])) : v);

export const inboxCreateSchema = z.preprocess(
  nullStrings,
  z.object({ ...inboxFields, name: text(255).min(1, BLANK) }).superRefine((v, ctx) => {
    if (!v.channel) ctx.addIssue({ code: "custom", path: ["channel"], message: "must exist" });
  }),
);
export const inboxUpdateSchema = z.preprocess(
  nullStrings,
  z.object({ ...inboxFields, working_hours: z.array(workingHourSchema).max(7).optional() }).superRefine((v, ctx) => {
    const days = new Set(v.working_hours?.map((d) => d.day_of_week));
    if (v.working_hours && days.size !== v.working_hours.length) ctx.addIssue({ code: "custom", path: ["working_hours"], message: "has a day twice" });
  }),
);
export type InboxCreate = z.output<typeof inboxCreateSchema>;
export type InboxUpdate = z.output<typeof inboxUpdateSchema>;
