import type { fileTypeEnum } from "@/db/schema";

export type FileType = (typeof fileTypeEnum.enumValues)[number];

/**
 * The file types Parley accepts, by content type, with the file_type they are shown as (Chatwoot's
 * image | audio | video | file). Anything else is refused with 415: no HTML, SVG or scripts, which a
 * browser could run; what is accepted is served back with this content type and `nosniff`.
 */
const ACCEPTED: Record<string, FileType> = {
  "image/png": "image",
  "image/jpeg": "image",
  "image/gif": "image",
  "image/webp": "image",
  "audio/mpeg": "audio",
  "audio/ogg": "audio",
  "audio/wav": "audio",
  "audio/webm": "audio",
  "audio/mp4": "audio",
  "audio/aac": "audio",
  "video/mp4": "video",
  "video/webm": "video",
  "video/ogg": "video",
  "video/quicktime": "video",
  "application/pdf": "file",
  "text/plain": "file",
  "text/csv": "file",
  "application/rtf": "file",
  "application/msword": "file",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "file",
  "application/vnd.ms-excel": "file",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "file",
  "application/vnd.ms-powerpoint": "file",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "file",
  "application/vnd.oasis.opendocument.text": "file",
  "application/vnd.oasis.opendocument.spreadsheet": "file",
  "application/vnd.oasis.opendocument.presentation": "file",
  "application/zip": "file",
};

/** Spellings browsers and tools use for the same types. */
const ALIASES: Record<string, string> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "audio/mp3": "audio/mpeg",
  "audio/x-wav": "audio/wav",
  "audio/wave": "audio/wav",
  "audio/x-m4a": "audio/mp4",
  "application/x-zip-compressed": "application/zip",
  "text/rtf": "application/rtf",
  "application/csv": "text/csv",
};

/** For uploads that declare no type (or application/octet-stream, as curl does): the extension decides. */
const BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  wav: "audio/wav",
  m4a: "audio/mp4",
  aac: "audio/aac",
  mp4: "video/mp4",
  webm: "video/webm",
  mov: "video/quicktime",
  pdf: "application/pdf",
  txt: "text/plain",
  log: "text/plain",
  csv: "text/csv",
  rtf: "application/rtf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  zip: "application/zip",
};

/** Raster images: the only files served inline (and shown as previews). */
export const RASTER_IMAGES: ReadonlySet<string> = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/**
 * The accepted content type for a declared type and file name, or null when it is not accepted.
 * Parameters (`; charset=…`) are dropped; the stored type is always one of ACCEPTED's keys.
 */
export function acceptedContentType(declared: string, fileName: string): { contentType: string; fileType: FileType } | null {
  let type = declared.split(";")[0]!.trim().toLowerCase();
  type = ALIASES[type] ?? type;
  if (type === "" || type === "application/octet-stream") {
    const dot = fileName.lastIndexOf(".");
    type = dot > 0 ? (BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()] ?? type) : type;
  }
  const fileType = ACCEPTED[type];
  return fileType ? { contentType: type, fileType } : null;
}
