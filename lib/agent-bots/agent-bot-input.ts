import { z } from "zod";
import { outboundUrlField } from "@/lib/webhooks/url-field";
import { requiredText, trimmedText } from "@/lib/validation";

// Chatwoot's body is flat (`params.permit(:name, :description, :outgoing_url, :avatar_url, …)`);
// `{agent_bot: {…}}` is accepted too, as for webhooks.
const unwrap = (v: unknown) => {
  if (typeof v !== "object" || v === null) return v;
  const inner = (v as Record<string, unknown>).agent_bot;
  return typeof inner === "object" && inner !== null ? { ...v, ...inner } : v;
};

const avatarUrl = z
  .string("is invalid")
  .trim()
  .max(2048, "is too long (maximum is 2048 characters)")
  .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), "must be an http(s) URL");

const fields = z.object({
  name: requiredText(255),
  description: trimmedText(1000).nullable().optional(),
  outgoing_url: outboundUrlField,
  avatar_url: avatarUrl.nullable().optional(),
  // Chatwoot's bot_type (0 / "webhook" is the only kind) and bot_config are accepted and ignored.
  bot_type: z.union([z.literal(0), z.literal("webhook")], "is not a bot type").optional(),
  bot_config: z.record(z.string(), z.unknown(), "is invalid").optional(),
});

/** AB1: the create body; name and outgoing_url are required. */
export const agentBotCreateSchema = z.preprocess(unwrap, fields);
/** AB1: the update body; any of the fields. */
export const agentBotUpdateSchema = z.preprocess(unwrap, fields.partial());
export type AgentBotInput = z.output<typeof fields>;
