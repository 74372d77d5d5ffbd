import { z } from "zod";
import { BLANK, requiredText } from "@/lib/validation";

// Chatwoot reads `params.require(:agent)` with JSON wrapping: fields at the top level or under `agent`.
const unwrap = (v: unknown) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
  const inner = (v as Record<string, unknown>).agent;
  return typeof inner === "object" && inner !== null && !Array.isArray(inner) ? { ...v, ...inner } : v;
};
const name = requiredText(255);
const role = z.enum(["agent", "administrator"], "must be agent or administrator");
const availability = z.enum(["online", "busy", "offline"], "must be online, busy or offline");

/**
 * POST /agents and the settings form. Parley has no e-mail delivery yet, so a new person gets an
 * initial password: the administrator's, or a generated one shown to them once.
 */
export const agentCreateSchema = z.preprocess(
  unwrap,
  z.object({
    name,
    email: z.string(BLANK).trim().toLowerCase().pipe(z.email("is invalid").max(255)),
    role: role.default("agent"),
    availability: availability.optional(),
    auto_offline: z.boolean().optional(),
    password: z.string().min(8, "is too short (minimum is 8 characters)").max(128, "is too long (maximum is 128 characters)").optional(),
  }),
);
export type AgentCreate = z.output<typeof agentCreateSchema>;

/** PATCH /agents/{id}: e-mail is ignored, as in Chatwoot. */
export const agentUpdateSchema = z.preprocess(unwrap, z.object({ name: name.optional(), role: role.optional(), availability: availability.optional(), auto_offline: z.boolean().optional() }));
export type AgentUpdate = z.output<typeof agentUpdateSchema>;
