import { z } from "zod";
import { contentTypeEnum, fileTypeEnum, MESSAGE_ATTACHMENTS_MAX, MESSAGE_CONTENT_MAX, MESSAGE_SOURCE_ID_MAX } from "@/db/schema";

/** An uploaded file's metadata; the bytes are already in storage under `storageKey`. */
export const attachmentInputSchema = z.object({
  fileType: z.enum(fileTypeEnum.enumValues).default("file"),
  fileName: z.string().min(1).max(255),
  fileSize: z.number().int().nonnegative(),
  contentType: z.string().min(1).max(255),
  storageKey: z.string().min(1).max(1024),
  width: z.number().int().positive().nullish(),
  height: z.number().int().positive().nullish(),
});
export type AttachmentInput = z.input<typeof attachmentInputSchema>;

/**
 * A posted message (M1), in the APIs' snake_case. Each violation is a 422 naming the field.
 * `message_type` is what the Application API accepts; the widget and client APIs post incoming.
 */
export const messageInputSchema = z
  .object({
    content: z.string().max(MESSAGE_CONTENT_MAX, `is too long (maximum is ${MESSAGE_CONTENT_MAX} characters)`).nullish(),
    message_type: z.enum(["incoming", "outgoing", "template"]).optional(),
    content_type: z.enum(contentTypeEnum.enumValues).default("text"),
    private: z.boolean().default(false),
    source_id: z.string().max(MESSAGE_SOURCE_ID_MAX, `is too long (maximum is ${MESSAGE_SOURCE_ID_MAX} characters)`).nullish(),
    echo_id: z.string().trim().min(1).max(255, "is too long (maximum is 255 characters)").nullish(),
    content_attributes: z.record(z.string(), z.unknown()).default({}),
    additional_attributes: z.record(z.string(), z.unknown()).default({}),
    attachments: z.array(attachmentInputSchema).max(MESSAGE_ATTACHMENTS_MAX, "exceeded maximum allowed").default([]),
  })
  .superRefine((m, ctx) => {
    if (!m.content?.trim() && m.attachments.length === 0) {
      ctx.addIssue({ code: "custom", path: ["content"], message: "can't be blank" });
    }
  });
export type MessageInput = z.input<typeof messageInputSchema>;
export type ParsedMessageInput = z.output<typeof messageInputSchema>;
