import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { uploadLimits } from "./limits";
import { prepareAttachments, type PreparedAttachment } from "./prepare-attachments";
import { isMultipart, readMultipart } from "./read-multipart";

/** Where Chatwoot's clients put files: `attachments[]` (Application / Client API), `message[attachments][]` (widget). */
const FILE_FIELDS = new Set(["attachments[]", "attachments", "message[attachments][]", "message[attachments]"]);

export type MessageBody = {
  /** The JSON body, or the multipart text fields as an object (undefined when there is no body). */
  raw: unknown;
  /** Checked uploads (empty for JSON). */
  files: PreparedAttachment[];
};

/**
 * The body of a route that takes uploads: JSON as everywhere else, or multipart/form-data with files
 * under the attachment field. Every file is checked here (lib/attachments/prepare-attachments), before
 * the route does anything, so a refused upload writes nothing.
 */
export async function readMessageBody(req: Request): Promise<MessageBody> {
  if (!isMultipart(req)) return { raw: await readJsonBody(req), files: [] };
  const limits = uploadLimits();
  const { fields, files } = await readMultipart(req, limits.maxRequestBytes);
  const stray = files.find((f) => !FILE_FIELDS.has(f.field));
  if (stray) throw AppError.validation({ [stray.field.replace(/\[\]$/, "")]: ["must not be a file (files go in attachments[])"] });
  const prepared = await prepareAttachments(
    files.map((f) => f.file),
    limits,
  );
  // The body schema sees the uploads as the message's attachments (M1 counts them, and content may then
  // be empty); set here, so a text field named attachments can never name stored files.
  return { raw: { ...fields, attachments: prepared.map((f) => f.attachment) }, files: prepared };
}
