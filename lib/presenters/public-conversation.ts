import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contacts, messages, type Conversation } from "@/db/schema";
import { presentRawContact, type RawContact } from "./public-contact";
import { loadPublicMessages, type PublicMessage } from "./public-message";
import { epoch } from "./time";

/** chatwoot-api.md §1 PublicConversation. */
export type PublicConversation = {
  id: number;
  uuid: string;
  inbox_id: number;
  contact_last_seen_at: number;
  status: string;
  agent_last_seen_at: number;
  messages: PublicMessage[];
  contact: RawContact;
};

/**
 * PublicConversation for any number of conversations in a fixed number of queries: every message the
 * contact may see (M5: no private notes, no activity), oldest first, as Chatwoot's view lists them.
 */
export async function loadPublicConversations(db: Db, rows: Conversation[]): Promise<PublicConversation[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((c) => c.id);
  const contactRows = await db
    .select()
    .from(contacts)
    .where(inArray(contacts.id, [...new Set(rows.map((c) => c.contactId))]));
  const visible = await db
    .select()
    .from(messages)
    .where(and(inArray(messages.conversationId, ids), eq(messages.private, false), ne(messages.messageType, "activity")))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const shaped = await loadPublicMessages(db, visible);
  const byConversation = new Map<number, PublicMessage[]>();
  visible.forEach((m, i) => byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), shaped[i]!]));
  const contactById = new Map(contactRows.map((c) => [c.id, presentRawContact(c)]));
  return rows.map((c) => ({
    id: c.displayId,
    uuid: c.uuid,
    inbox_id: c.inboxId,
    contact_last_seen_at: epoch(c.contactLastSeenAt),
    status: c.status,
    agent_last_seen_at: epoch(c.agentLastSeenAt),
    messages: byConversation.get(c.id) ?? [],
    contact: contactById.get(c.contactId)!,
  }));
}

export async function loadPublicConversation(db: Db, row: Conversation): Promise<PublicConversation> {
  const [out] = await loadPublicConversations(db, [row]);
  return out!;
}
