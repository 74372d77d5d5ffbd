import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversations, labels, type Conversation } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { noNul, NUL_MESSAGE, parseInput } from "@/lib/validation";
import { accountLocale } from "@/lib/i18n/stored-locales";
import { translator } from "@/lib/i18n/translate";
import { actorName, type Actor } from "./actor";
import { createActivityMessage } from "./activity-message";
import { emitConversationEvents } from "./emit-conversation-events";
import { lockConversationById } from "./lock-conversation";

export const labelsInputSchema = z.object({
  labels: z.array(z.string().trim().min(1).max(255).toLowerCase().refine(noNul, NUL_MESSAGE)).max(100),
});
export type LabelsInput = z.input<typeof labelsInputSchema>;

type LabelChange = { accountId?: number; conversationId: number; input: LabelsInput; actor: Actor; now?: Date };

/** Replaces the conversation's labels (Chatwoot's POST …/labels). */
export function setConversationLabels(db: Db, change: LabelChange): Promise<Conversation> {
  return changeLabels(db, change, (_current, given) => given);
}

export function addConversationLabels(db: Db, change: LabelChange): Promise<Conversation> {
  return changeLabels(db, change, (current, given) => [...current, ...given.filter((l) => !current.includes(l))]);
}

export function removeConversationLabels(db: Db, change: LabelChange): Promise<Conversation> {
  return changeLabels(db, change, (current, given) => current.filter((l) => !given.includes(l)));
}

/**
 * Labels are lower-case titles that must exist in the account's labels (else 422). Additions and
 * removals each write an activity message (C8); any change emits `conversation.updated`.
 */
async function changeLabels(db: Db, { accountId, conversationId, input, actor, now = new Date() }: LabelChange, next: (current: string[], given: string[]) => string[]): Promise<Conversation> {
  const given = [...new Set(parseInput(labelsInputSchema, input).labels)];
  return db.transaction(async (tx) => {
    const conversation = await lockConversationById(tx, { conversationId, accountId });
    await assertLabelsExist(tx, conversation.accountId, given);
    return applyLabels(tx, conversation, { labels: next(conversation.labels, given), actor, now });
  });
}

/** 422 naming `labels` when any title is not one of the account's labels. */
export async function assertLabelsExist(db: Db, accountId: number, titles: string[]): Promise<void> {
  if (!titles.length) return;
  const known = await db
    .select({ title: labels.title })
    .from(labels)
    .where(and(eq(labels.accountId, accountId), inArray(labels.title, titles)));
  const missing = titles.filter((g) => !known.some((k) => k.title === g));
  if (missing.length) throw AppError.validation({ labels: [`do not exist: ${missing.join(", ")}`] });
}

/**
 * Gives a conversation locked in `tx` exactly these labels (already checked to exist): the activity
 * lines for what was added and what was removed (C8) and `conversation.updated`; no change, no write.
 */
export async function applyLabels(tx: Db, conversation: Conversation, { labels: after, actor, now }: { labels: string[]; actor: Actor; now: Date }): Promise<Conversation> {
  const before = conversation.labels;
  const added = after.filter((l) => !before.includes(l));
  const removed = before.filter((l) => !after.includes(l));
  if (!added.length && !removed.length) return conversation;
  const [updated] = await tx.update(conversations).set({ labels: after, updatedAt: now }).where(eq(conversations.id, conversation.id)).returning();
  Object.assign(conversation, updated);
  const t = translator(await accountLocale(tx, conversation.accountId));
  const name = await actorName(tx, actor);
  if (added.length)
    await createActivityMessage(
      tx,
      conversation,
      name ? t("server.activity.labelsAddedBy", { name, labels: added.join(", ") }) : t("server.activity.labelsAddedBySystem", { labels: added.join(", ") }),
      now,
    );
  if (removed.length)
    await createActivityMessage(
      tx,
      conversation,
      name ? t("server.activity.labelsRemovedBy", { name, labels: removed.join(", ") }) : t("server.activity.labelsRemovedBySystem", { labels: removed.join(", ") }),
      now,
    );
  await emitConversationEvents(tx, conversation, ["conversation.updated"]);
  return conversation;
}
