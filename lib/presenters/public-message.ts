import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agentBots, attachments, contactInboxes, contacts, conversations, users, webWidgets, type Attachment, type Message } from "@/db/schema";
import { presentAgentBotPush, type AgentBotPush } from "./agent-bot-push";
import { clientAttachmentUrl, presentAttachmentPush, type AttachmentPush, type AttachmentUrl } from "./attachment-push";
import { presentContactPush, type ContactPush } from "./contact-push";
import { MESSAGE_TYPE_CODE } from "./message-push";
import { epoch } from "./time";
import { presentUserPush, type UserPush } from "./user-push";

/** chatwoot-api.md §1 PublicMessage (the Client API's message; also the widget's list item). */
export type PublicMessage = {
  id: number;
  content: string | null;
  message_type: number;
  content_type: string;
  content_attributes: Record<string, unknown>;
  created_at: number;
  conversation_id: number;
  attachments?: AttachmentPush[];
  sender?: ContactPush | UserPush | AgentBotPush;
};

export type PublicMessageRelated = {
  displayId: number;
  sender?: ContactPush | UserPush | AgentBotPush;
  attachments: Attachment[];
  /** Where this audience downloads the files. */
  attachmentUrl?: AttachmentUrl;
};

export function presentPublicMessage(m: Message, r: PublicMessageRelated): PublicMessage {
  const out: PublicMessage = {
    id: m.id,
    content: m.content,
    message_type: MESSAGE_TYPE_CODE[m.messageType],
    content_type: m.contentType,
    content_attributes: m.contentAttributes,
    created_at: epoch(m.createdAt),
    conversation_id: r.displayId,
  };
  // jbuilder writes these keys only when there is something to write.
  if (r.attachments.length) out.attachments = r.attachments.map((a) => presentAttachmentPush(a, r.attachmentUrl));
  if (r.sender) out.sender = r.sender;
  return out;
}

/**
 * PublicMessage for any number of messages in a fixed number of queries (no N+1). Callers pass
 * only messages the contact may see (M5); this shapes, it does not filter. Attachment URLs are the
 * Client API's (inbox identifier + the conversation's source_id) unless the caller names its own
 * (the widget's).
 */
export async function loadPublicMessages(db: Db, rows: Message[], opts: { attachmentUrl?: AttachmentUrl } = {}): Promise<PublicMessage[]> {
  if (rows.length === 0) return [];
  const ids = (type: string) => [...new Set(rows.filter((m) => m.senderType === type && m.senderId !== null).map((m) => m.senderId!))];
  const userIds = ids("user");
  const contactIds = ids("contact");
  const botIds = ids("agent_bot");
  const conversationIds = [...new Set(rows.map((m) => m.conversationId))];
  // Sequential on purpose: the handle may be a transaction, one connection that must not be shared.
  const convRows = await db
    .select({ id: conversations.id, displayId: conversations.displayId, sourceId: contactInboxes.sourceId, websiteToken: webWidgets.websiteToken })
    .from(conversations)
    .leftJoin(contactInboxes, eq(contactInboxes.id, conversations.contactInboxId))
    .leftJoin(webWidgets, eq(webWidgets.inboxId, conversations.inboxId))
    .where(inArray(conversations.id, conversationIds));
  const userRows = userIds.length ? await db.select({ id: users.id, name: users.name, displayName: users.displayName }).from(users).where(inArray(users.id, userIds)) : [];
  const contactRows = contactIds.length ? await db.select().from(contacts).where(inArray(contacts.id, contactIds)) : [];
  const botRows = botIds.length ? await db.select({ id: agentBots.id, name: agentBots.name, avatarUrl: agentBots.avatarUrl }).from(agentBots).where(inArray(agentBots.id, botIds)) : [];
  const attachmentRows = await db
    .select()
    .from(attachments)
    .where(
      inArray(
        attachments.messageId,
        rows.map((m) => m.id),
      ),
    )
    .orderBy(attachments.id);

  const displayIds = new Map(convRows.map((c) => [c.id, c.displayId]));
  const clientUrls = new Map(convRows.map((c) => [c.id, c.websiteToken && c.sourceId ? clientAttachmentUrl(c.websiteToken, c.sourceId) : undefined]));
  const userById = new Map(userRows.map((u) => [u.id, presentUserPush(u)]));
  const contactById = new Map(contactRows.map((c) => [c.id, presentContactPush(c)]));
  const botById = new Map(botRows.map((b) => [b.id, presentAgentBotPush(b)]));
  const filesByMessage = new Map<number, Attachment[]>();
  for (const a of attachmentRows) filesByMessage.set(a.messageId, [...(filesByMessage.get(a.messageId) ?? []), a]);
  return rows.map((m) =>
    presentPublicMessage(m, {
      displayId: displayIds.get(m.conversationId)!,
      sender: m.senderType === "user" ? userById.get(m.senderId!) : m.senderType === "contact" ? contactById.get(m.senderId!) : m.senderType === "agent_bot" ? botById.get(m.senderId!) : undefined,
      attachments: filesByMessage.get(m.id) ?? [],
      attachmentUrl: opts.attachmentUrl ?? clientUrls.get(m.conversationId),
    }),
  );
}

export async function loadPublicMessage(db: Db, row: Message, opts: { attachmentUrl?: AttachmentUrl } = {}): Promise<PublicMessage> {
  const [out] = await loadPublicMessages(db, [row], opts);
  return out!;
}
