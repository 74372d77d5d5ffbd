import type { Attachment } from "@/db/schema";
import { fileExtension } from "@/lib/attachments/file-name";

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

/** Where one audience downloads a file (docs/api.md "Attachments"); no URL carries a secret of its own. */
export type AttachmentUrl = (a: Pick<Attachment, "id" | "accountId">) => string;

/** Application API (session cookie or api_access_token): also the URL in events, which every audience shares. */
export const appAttachmentUrl: AttachmentUrl = (a) => `/api/v1/accounts/${a.accountId}/attachments/${a.id}`;

/** Widget API: the contact token goes in X-Auth-Token; the website_token only selects the inbox and is public. */
export const widgetAttachmentUrl =
  (websiteToken: string): AttachmentUrl =>
  (a) =>
    `/api/v1/widget/attachments/${a.id}?website_token=${encodeURIComponent(websiteToken)}`;

/** Client API: the contact's source_id is the capability, as everywhere in that API. */
export const clientAttachmentUrl =
  (inboxIdentifier: string, sourceId: string): AttachmentUrl =>
  (a) =>
    `/public/api/v1/inboxes/${encodeURIComponent(inboxIdentifier)}/contacts/${encodeURIComponent(sourceId)}/attachments/${a.id}`;

export function presentAttachmentPush(a: Attachment, url: AttachmentUrl = appAttachmentUrl): AttachmentPush {
  const href = url(a);
  return {
    id: a.id,
    message_id: a.messageId,
    file_type: a.fileType,
    account_id: a.accountId,
    extension: fileExtension(a.fileName),
    data_url: href,
    // No separate thumbnails: images are small enough (ATTACHMENT_MAX_BYTES) to preview as they are.
    thumb_url: a.fileType === "image" ? href : "",
    file_size: a.fileSize,
    width: a.width,
    height: a.height,
  };
}
