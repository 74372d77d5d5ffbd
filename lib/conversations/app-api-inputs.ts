import { z } from "zod";
import { conversationListQuerySchema } from "./list-conversations";
import { toggleStatusInputSchema } from "./toggle-status";

/** Chatwoot's ConversationFinder skips the status filter whenever `q` is present. */
export const appConversationListQuerySchema = conversationListQuerySchema.transform((v) => (v.q ? { ...v, status: "all" as const } : v));

/** The dashboard sends `snoozed_until` as epoch seconds, sometimes as a numeric string (form posts). */
export const appToggleStatusSchema = z.preprocess((v) => {
  if (!v || typeof v !== "object" || Array.isArray(v)) return v;
  const body = v as Record<string, unknown>;
  return typeof body.snoozed_until === "string" && /^\d{1,12}$/.test(body.snoozed_until) ? { ...body, snoozed_until: Number(body.snoozed_until) } : body;
}, z.object({
  status: toggleStatusInputSchema.shape.status,
  // Validated here with the engine's own rule, left untransformed: the engine parses it again.
  snoozed_until: z.union([z.number().positive(), z.iso.datetime({ offset: true })]).nullish(),
}));
