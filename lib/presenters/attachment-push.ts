import type { Attachment } from "@/db/schema";

/** `Attachment#push_event_data` (chatwoot-api.md §1 Attachment). */
export type AttachmentPush = {
  id: number;
  message_id: number;
  file_type: string;
  account_id: number;
  extension: string | null;
  data_url: string;
  thumb_url: string;
  file_size: number;
  width: number | null;
  height: number | null;
};

/** Where the file is served from; the storage layer owns the route, this is its one spelling. */
export function attachmentUrl(a: Pick<Attachment, "storageKey">): string {
  return `/api/v1/attachments/${encodeURI(a.storageKey)}`;
}

export function presentAttachmentPush(a: Attachment): AttachmentPush {
  const dot = a.fileName.lastIndexOf(".");
  const url = attachmentUrl(a);
  return {
    id: a.id,
    message_id: a.messageId,
    file_type: a.fileType,
    account_id: a.accountId,
    extension: dot > 0 ? a.fileName.slice(dot + 1) : null,
    data_url: url,
    thumb_url: a.fileType === "image" ? url : "",
    file_size: a.fileSize,
    width: a.width,
    height: a.height,
  };
}
