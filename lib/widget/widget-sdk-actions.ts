import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contacts, conversations, labels, type Contact, type ContactInbox, type Inbox } from "@/db/schema";
import { addConversationLabels, removeConversationLabels } from "@/lib/conversations/conversation-labels";
import { AppError } from "@/lib/errors";
import { emitConversationEvents } from "@/lib/conversations/emit-conversation-events";
import { lockConversationById } from "@/lib/conversations/lock-conversation";
import { presentContactPush } from "@/lib/presenters/contact-push";
import { appendEvent } from "@/lib/realtime/append-event";
import { attributes, noNul, NUL_MESSAGE } from "@/lib/validation";
import { findCurrentConversation } from "./current-conversation";

/**
 * What Chatwoot's `window.$chatwoot` asks of the Widget API beyond the contact (SD3): labels and custom
 * attributes on the visitor's current conversation, and removing the contact's custom attributes.
 * Chatwoot answers these with an empty 200/204 whether or not there is a conversation (a label the
 * account lacks is ignored), so a page calling them early never sees an error; Parley does the same.
 */
const key = z.string().trim().min(1).max(255).refine(noNul, NUL_MESSAGE);

export const widgetLabelBodySchema = z.object({ label: key });
/** A label in the path: Chatwoot's label titles are letters, digits, "_" and "-"; anything else names no label (404). */
export const widgetLabelParams = z.object({ label: z.string().regex(/^[\p{L}\p{N}_-]{1,255}$/u) });
export const conversationAttributesBodySchema = z.object({ custom_attributes: attributes() });
/** Chatwoot's widget sends `custom_attribute: [name]` here (and a bare string from older SDKs). */
export const destroyConversationAttributesBodySchema = z.object({ custom_attribute: z.union([key.transform((k) => [k]), z.array(key).max(100)]) });
export const destroyContactAttributesBodySchema = z.object({ custom_attributes: z.union([key.transform((k) => [k]), z.array(key).max(100)]) });

type Visitor = { inbox: Inbox; contactInbox: ContactInbox; contact: Contact };

/** setLabel / removeLabel: a label the account has is added to (or removed from) the current conversation. */
export async function changeWidgetLabel(db: Db, { inbox, contactInbox, contact }: Visitor, label: string, add: boolean): Promise<void> {
  const conversation = await findCurrentConversation(db, { inbox, contactInbox });
  if (!conversation) return;
  const change = { accountId: conversation.accountId, conversationId: conversation.id, input: { labels: [label] }, actor: { type: "contact" as const, id: contact.id } };
  try {
    await (add ? addConversationLabels(db, change) : removeConversationLabels(db, change));
  } catch (err) {
    // Chatwoot ignores a label the account has not defined; so does Parley (nothing written).
    if (!(err instanceof AppError && err.fields?.labels)) throw err;
  }
}

/** removeLabel names the label in the path: one the account does not have is a 404 (Chatwoot: 204), as any unknown object in a path. */
export async function assertAccountLabel(db: Db, accountId: number, title: string): Promise<void> {
  const [row] = await db
    .select({ id: labels.id })
    .from(labels)
    .where(and(eq(labels.accountId, accountId), eq(labels.title, title.toLowerCase())));
  if (!row) throw AppError.notFound();
}

/** setConversationCustomAttributes / deleteConversationCustomAttribute on the current conversation. */
export async function changeWidgetConversationAttributes(db: Db, { inbox, contactInbox }: Visitor, change: { set?: Record<string, unknown>; remove?: string[] }): Promise<void> {
  const current = await findCurrentConversation(db, { inbox, contactInbox });
  if (!current) return;
  await db.transaction(async (tx) => {
    const conversation = await lockConversationById(tx, { conversationId: current.id, accountId: current.accountId });
    const next: Record<string, unknown> = { ...conversation.customAttributes, ...change.set };
    for (const k of change.remove ?? []) delete next[k];
    if (JSON.stringify(next) === JSON.stringify(conversation.customAttributes)) return;
    await tx.update(conversations).set({ customAttributes: next, updatedAt: new Date() }).where(eq(conversations.id, conversation.id));
    await emitConversationEvents(tx, conversation, ["conversation.updated"]);
  });
}

/** deleteCustomAttribute: removes keys from the visitor's own contact. */
export async function deleteWidgetContactAttributes(db: Db, contact: Contact, names: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(contacts).where(eq(contacts.id, contact.id)).for("update");
    if (!current || !names.some((n) => n in current.customAttributes)) return;
    const next = { ...current.customAttributes };
    for (const n of names) delete next[n];
    const [row] = await tx.update(contacts).set({ customAttributes: next }).where(eq(contacts.id, contact.id)).returning();
    await appendEvent(tx, { accountId: contact.accountId, type: "contact.updated", payload: presentContactPush(row!) });
  });
}
