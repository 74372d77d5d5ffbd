import type { PendingMessage } from "./composer-contract";

/** Chatwoot's message_type codes (chatwoot-api.md §E). */
export const MessageType = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;

export type AttachmentView = {
  id: number;
  file_type: string;
  data_url: string;
  thumb_url: string;
  file_size: number;
  extension: string | null;
  file_name?: string;
  width?: number | null;
  height?: number | null;
};

export type SenderView = { id: number; name: string; type: "user" | "contact" | string };

/** What the thread needs of an AppMessage / MessagePush (same encodings). */
export type ThreadMessage = {
  id: number;
  content: string | null;
  message_type: number;
  private: boolean;
  status: string;
  /** Epoch seconds. */
  created_at: number;
  content_attributes: Record<string, unknown>;
  sender: SenderView | null;
  attachments: AttachmentView[];
  echo_id?: string;
};

export type PendingEntry = PendingMessage & { state: "sending" | "failed"; error?: string };

type Json = Record<string, unknown>;

export function threadMessageFromWire(raw: Json): ThreadMessage {
  const sender = raw.sender && typeof raw.sender === "object" ? (raw.sender as Json) : null;
  return {
    id: Number(raw.id),
    content: typeof raw.content === "string" ? raw.content : null,
    message_type: Number(raw.message_type ?? 0),
    private: raw.private === true,
    status: typeof raw.status === "string" ? raw.status : "sent",
    created_at: Number(raw.created_at ?? 0),
    content_attributes: raw.content_attributes && typeof raw.content_attributes === "object" ? (raw.content_attributes as Json) : {},
    sender: sender ? { id: Number(sender.id), name: String(sender.available_name ?? sender.name ?? ""), type: String(sender.type ?? "") } : null,
    attachments: Array.isArray(raw.attachments) ? (raw.attachments as AttachmentView[]) : [],
    ...(typeof raw.echo_id === "string" && { echo_id: raw.echo_id }),
  };
}
