import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { AttachmentInput } from "@/lib/messages/message-input";
import { acceptedContentType, RASTER_IMAGES } from "./content-types";
import { sanitiseFileName } from "./file-name";
import { formatBytes, type UploadLimits } from "./limits";
import { bytesMatchType, imageSize } from "./sniff";

/** A checked upload: the attachment row to write and the bytes to store under its storage key. */
export type PreparedAttachment = { attachment: AttachmentInput & { storageKey: string }; bytes: Uint8Array };

/**
 * Checks every uploaded file before anything is written, so a bad one refuses the whole message:
 * more than 15 files → 422 (M1), an empty file or unusable name → 422, a file over the per-file
 * limit → 413, a type that is not accepted or bytes that contradict the declared type → 415.
 * Each message names the file.
 */
export async function prepareAttachments(files: File[], limits: UploadLimits): Promise<PreparedAttachment[]> {
  if (files.length > limits.maxFiles) throw AppError.validation({ attachments: [`are too many (maximum is ${limits.maxFiles} files per message)`] });
  const prepared: PreparedAttachment[] = [];
  for (const file of files) {
    const fileName = sanitiseFileName(file.name);
    const shown = JSON.stringify(file.name.slice(0, 80));
    if (fileName === null) throw AppError.validation({ attachments: [`file name ${shown} is not allowed (empty, control characters, or over 255 characters)`] });
    if (file.size > limits.maxFileBytes) throw new AppError("payload_too_large", `${fileName} is too large (limit ${formatBytes(limits.maxFileBytes)} per file)`);
    if (file.size === 0) throw AppError.validation({ attachments: [`${fileName} is empty`] });
    const type = acceptedContentType(file.type, fileName);
    if (!type) throw new AppError("unsupported_media_type", `${fileName}: files of type ${file.type || "unknown"} are not accepted`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (!bytesMatchType(type.contentType, bytes)) throw new AppError("unsupported_media_type", `${fileName} is not a valid ${type.contentType} file`);
    const size = RASTER_IMAGES.has(type.contentType) ? imageSize(type.contentType, bytes) : null;
    prepared.push({
      attachment: {
        fileType: type.fileType,
        fileName,
        fileSize: bytes.byteLength,
        contentType: type.contentType,
        // 192 random bits: the key names the bytes in storage; it is never a credential (downloads are authorised by the message).
        storageKey: randomBytes(24).toString("base64url"),
        width: size?.width ?? null,
        height: size?.height ?? null,
      },
      bytes,
    });
  }
  return prepared;
}
