import { z } from "zod";

/**
 * Query parameters of the v2 report APIs, Chatwoot's names and meanings: `since`/`until` are Unix
 * seconds (a half-open range), `timezone_offset` hours east of UTC, `business_hours` a boolean.
 * Anything else is a 422 naming the field (docs/reports.md "Input").
 */
export const REPORT_METRICS = [
  "conversations_count",
  "incoming_messages_count",
  "outgoing_messages_count",
  "avg_first_response_time",
  "avg_resolution_time",
  "resolutions_count",
  "reply_time",
] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];
export const REPORT_TYPES = ["account", "inbox", "agent", "label", "team"] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const GROUP_BYS = ["hour", "day", "week", "month", "year"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

const DAY_S = 86_400;
/** The longest range a series may cover per bucket size (the UI's presets end at a year of days). */
export const MAX_RANGE_S: Record<GroupBy, number> = { hour: 31 * DAY_S, day: 366 * DAY_S, week: 3 * 366 * DAY_S, month: 10 * 366 * DAY_S, year: 10 * 366 * DAY_S };
/** Summaries and tables: ten years at most. */
export const MAX_SUMMARY_RANGE_S = 10 * 366 * DAY_S;

const unixSeconds = z
  .string({ error: "is required (Unix seconds)" })
  .regex(/^\d{1,11}$/, "must be Unix seconds")
  .transform(Number)
  .refine((n) => n <= 32_503_680_000, "is too far in the future");

const booleanParam = z
  .enum(["true", "false", "1", "0", ""], { error: "must be true or false" })
  .optional()
  .transform((v) => v === "true" || v === "1");

const timezoneOffset = z
  .string()
  .regex(/^[+-]?\d{1,2}(\.\d{1,2})?$/, "must be hours from UTC, e.g. 5.5 or -8")
  .transform(Number)
  .refine((h) => h >= -12 && h <= 14, "must be between -12 and 14")
  .refine((h) => Number.isInteger(h * 4), "must be a multiple of a quarter hour")
  .optional()
  .transform((h) => Math.round((h ?? 0) * 60));

const entityId = z
  .string()
  .regex(/^\d{1,9}$/, "must be the id of an inbox, agent, label or team of this account")
  .transform(Number)
  .optional();

const rangeFields = { since: unixSeconds, until: unixSeconds, business_hours: booleanParam };

function checkRange(v: { since: number; until: number }, ctx: z.RefinementCtx, max: number, what: string) {
  if (v.until <= v.since) ctx.addIssue({ code: "custom", path: ["until"], message: "must be after since" });
  else if (v.until - v.since > max) ctx.addIssue({ code: "custom", path: ["until"], message: `is more than ${Math.floor(max / DAY_S)} days after since ${what}` });
}

function checkScope(v: { type: ReportType; id?: number }, ctx: z.RefinementCtx) {
  if (v.type !== "account" && v.id === undefined) ctx.addIssue({ code: "custom", path: ["id"], message: `is required for type ${v.type}` });
}

const scopeFields = { type: z.enum(REPORT_TYPES, { error: `must be one of ${REPORT_TYPES.join(", ")}` }).default("account"), id: entityId };

/** GET /api/v2/accounts/:id/reports/summary */
export const summaryQuerySchema = z.object({ ...rangeFields, ...scopeFields, timezone_offset: timezoneOffset }).superRefine((v, ctx) => {
  checkRange(v, ctx, MAX_SUMMARY_RANGE_S, "");
  checkScope(v, ctx);
});
export type SummaryQuery = z.output<typeof summaryQuerySchema>;

/** GET /api/v2/accounts/:id/reports */
export const seriesQuerySchema = z
  .object({
    ...rangeFields,
    ...scopeFields,
    metric: z.enum(REPORT_METRICS, { error: `must be one of ${REPORT_METRICS.join(", ")}` }),
    group_by: z.enum(GROUP_BYS, { error: `must be one of ${GROUP_BYS.join(", ")}` }).default("day"),
    timezone_offset: timezoneOffset,
  })
  .superRefine((v, ctx) => {
    checkRange(v, ctx, MAX_RANGE_S[v.group_by], `for ${v.group_by} buckets`);
    checkScope(v, ctx);
  });
export type SeriesQuery = z.output<typeof seriesQuerySchema>;

/** GET /api/v2/accounts/:id/summary_reports/* and the CSV downloads. */
export const tableQuerySchema = z.object(rangeFields).superRefine((v, ctx) => checkRange(v, ctx, MAX_SUMMARY_RANGE_S, ""));
export type TableQuery = z.output<typeof tableQuerySchema>;

/** GET /api/v2/accounts/:id/reports/conversations */
export const liveQuerySchema = z.object({
  type: z.enum(["account", "agent"], { error: "must be account or agent" }),
  user_id: entityId,
});
export type LiveQuery = z.output<typeof liveQuerySchema>;
