import { z } from "zod";
import { hasNoNul, INT4_MAX, NUL_MESSAGE } from "@/lib/validation";
import { conversationListQuerySchema } from "./list-conversations";
import { toggleStatusInputSchema } from "./toggle-status";

/** Chatwoot's legacy sort_by names, still sent by older dashboards and scripts. */
const LEGACY_SORTS: Record<string, string> = {
  latest: "last_activity_at_desc",
  sort_on_created_at: "created_at_asc",
  sort_on_priority: "priority_desc",
  sort_on_waiting_since: "waiting_since_asc",
};

/** Chatwoot's ConversationFinder skips the status filter whenever `q` is present. */
export const appConversationListQuerySchema = z
  .preprocess((v) => {
    if (!v || typeof v !== "object") return v;
    const query = v as Record<string, unknown>;
    return typeof query.sort_by === "string" && query.sort_by in LEGACY_SORTS ? { ...query, sort_by: LEGACY_SORTS[query.sort_by] } : query;
  }, conversationListQuerySchema)
  .superRefine((v, ctx) => {
    if (v.inboxId !== undefined && v.inboxId > INT4_MAX) ctx.addIssue({ code: "custom", path: ["inbox_id"], message: "is not a valid id" });
    if (!hasNoNul(v.q)) ctx.addIssue({ code: "custom", path: ["q"], message: NUL_MESSAGE });
  })
  .transform((v) => (v.q ? { ...v, status: "all" as const } : v));

const LAST_SECOND = 253_402_300_799;

/** The dashboard sends `snoozed_until` as epoch seconds, sometimes as a numeric string (form posts). */
export const appToggleStatusSchema = z.preprocess(
  (v) => {
    if (!v || typeof v !== "object" || Array.isArray(v)) return v;
    const body = v as Record<string, unknown>;
    return typeof body.snoozed_until === "string" && /^\d{1,12}$/.test(body.snoozed_until) ? { ...body, snoozed_until: Number(body.snoozed_until) } : body;
  },
  z.object({
    status: toggleStatusInputSchema.shape.status,
    // Validated here with the engine's own rule, left untransformed: the engine parses it again.
    // Up to the last second of year 9999 UTC: later (or before 1970) is no snooze anyone means, and
    // years outside 1–9999 are a database error, not a time.
    snoozed_until: z
      .union([
        z.number().positive().max(LAST_SECOND, "is too far in the future"),
        z.iso.datetime({ offset: true }).refine((s) => Date.parse(s) >= 0 && Date.parse(s) <= LAST_SECOND * 1000, "is out of range"),
      ])
      .nullish(),
  }),
);
