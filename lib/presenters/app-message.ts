import type { Db } from "@/db/client";
import type { Message } from "@/db/schema";
import type { AgentBotPush } from "./agent-bot-push";
import type { AttachmentPush } from "./attachment-push";
import type { ContactPush } from "./contact-push";
import { loadMessagePushes, type MessagePush } from "./message-push";
import type { UserPush } from "./user-push";

/** `api/v1/models/_message` (chatwoot-api.md §1 AppMessage), key order as emitted. */
export type AppMessage = {
  id: number;
  content: string | null;
  inbox_id: number;
  echo_id?: string;
  conversation_id: number;
  message_type: number;
  content_type: string;
  status: string;
  content_attributes: Record<string, unknown>;
  created_at: number;
  private: boolean;
  source_id: string | null;
  sender?: ContactPush | UserPush | AgentBotPush;
  attachments?: AttachmentPush[];
};

/**
 * AppMessage is a subset of MessagePush (same encodings), so it is cut from it: one source of truth
 * for message_type ints, epoch created_at and the sender shapes. Chatwoot's echo_id is a transient
 * attribute, on the wire only in the answer to the request that sent it: `withEchoId` is for that
 * answer (create, and an M6 replay of the same echo_id); lists and deletes leave it out.
 */
export function appMessageFromPush(p: MessagePush, { withEchoId = false }: { withEchoId?: boolean } = {}): AppMessage {
  return {
    id: p.id,
    content: p.content,
    inbox_id: p.inbox_id,
    ...(withEchoId && p.echo_id !== undefined && { echo_id: p.echo_id }),
    conversation_id: p.conversation_id,
    message_type: p.message_type,
    content_type: p.content_type,
    status: p.status,
    content_attributes: p.content_attributes,
    created_at: p.created_at,
    private: p.private,
    source_id: p.source_id,
    ...(p.sender && { sender: p.sender }),
    ...(p.attachments && { attachments: p.attachments }),
  };
}

/** AppMessages for many rows in a fixed number of queries (no N+1). */
export async function loadAppMessages(db: Db, rows: Message[], opts: { withEchoId?: boolean } = {}): Promise<AppMessage[]> {
  return (await loadMessagePushes(db, rows)).map((p) => appMessageFromPush(p, opts));
}
