import { z } from "zod";
import { attributes, jsonWithoutNul, noNul, NUL_MESSAGE } from "@/lib/validation";
import { contentTypeEnum, fileTypeEnum, MESSAGE_ATTACHMENTS_MAX, MESSAGE_CONTENT_MAX, MESSAGE_SOURCE_ID_MAX } from "@/db/schema";

/** An uploaded file's metadata; the bytes are already in storage under `storageKey`. */
export const attachmentInputSchema = z.object({
  fileType: z.enum(fileTypeEnum.enumValues).default("file"),
  fileName: z.string().min(1).max(255).refine(noNul, NUL_MESSAGE),
  fileSize: z.number().int().nonnegative(),
  contentType: z.string().min(1).max(255).refine(noNul, NUL_MESSAGE),
  storageKey: z.string().min(1).max(1024).refine(noNul, NUL_MESSAGE),
  width: z.number().int().positive().nullish(),
  height: z.number().int().positive().nullish(),
});
export type AttachmentInput = z.input<typeof attachmentInputSchema>;

/** Chatwoot's ContentAttributeValidator: these content types need `items` with only these keys. */
const ITEM_KEYS: Partial<Record<(typeof contentTypeEnum.enumValues)[number], string[]>> = {
  input_select: ["title", "value"],
  cards: ["title", "description", "media_url", "actions"],
  form: ["type", "placeholder", "label", "name", "options", "default", "required", "pattern", "title", "pattern_error"],
  article: ["title", "description", "link"],
};

function itemsProblem(contentType: keyof typeof ITEM_KEYS, attributes: Record<string, unknown>): string | null {
  const items = attributes.items;
  if (!Array.isArray(items) || items.length === 0) return "items can't be blank";
  const allowed = ITEM_KEYS[contentType]!;
  for (const item of items) {
    if (!item || typeof item !== "object" || Array.isArray(item)) return "items must be objects";
    const extra = Object.keys(item).filter((k) => !allowed.includes(k));
    if (extra.length) return `items have unknown keys: ${extra.join(", ")}`;
  }
  return null;
}

/**
 * A posted message (M1), in the APIs' snake_case. Each violation is a 422 naming the field.
 * `message_type` is what the Application API accepts; the widget and client APIs post incoming.
 */
export const messageInputSchema = z
  .object({
    content: z.string().max(MESSAGE_CONTENT_MAX, `is too long (maximum is ${MESSAGE_CONTENT_MAX} characters)`).refine(noNul, NUL_MESSAGE).nullish(),
    message_type: z.enum(["incoming", "outgoing", "template"]).optional(),
    content_type: z.enum(contentTypeEnum.enumValues).default("text"),
    private: z.boolean().default(false),
    source_id: z.string().max(MESSAGE_SOURCE_ID_MAX, `is too long (maximum is ${MESSAGE_SOURCE_ID_MAX} characters)`).refine(noNul, NUL_MESSAGE).nullish(),
    echo_id: z.string().trim().min(1).max(255, "is too long (maximum is 255 characters)").refine(noNul, NUL_MESSAGE).nullish(),
    content_attributes: z.record(z.string(), z.unknown()).refine(jsonWithoutNul, NUL_MESSAGE).default({}),
    additional_attributes: attributes().default({}),
    attachments: z.array(attachmentInputSchema).max(MESSAGE_ATTACHMENTS_MAX, "exceeded maximum allowed").default([]),
  })
  .superRefine((m, ctx) => {
    if (!m.content?.trim() && m.attachments.length === 0) {
      ctx.addIssue({ code: "custom", path: ["content"], message: "can't be blank" });
    }
    if (m.content_type in ITEM_KEYS) {
      const problem = itemsProblem(m.content_type as keyof typeof ITEM_KEYS, m.content_attributes);
      if (problem) ctx.addIssue({ code: "custom", path: ["content_attributes"], message: problem });
    }
  });
export type MessageInput = z.input<typeof messageInputSchema>;
export type ParsedMessageInput = z.output<typeof messageInputSchema>;
