import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inboxes, type Webhook } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * WH7: Chatwoot v4's inbox-scoped webhooks. A webhook with `inbox_id` receives only the events of that
 * inbox's conversations (and their messages and typing); one without receives every inbox's events and
 * the account-level ones (contacts), which belong to no inbox — as Chatwoot, whose inbox webhooks are
 * never sent account-level events.
 */
export function receivesEvent(hook: Pick<Webhook, "inboxId">, event: { inboxId: number | null }): boolean {
  return hook.inboxId === null || hook.inboxId === event.inboxId;
}

/** An inbox_id given to a webhook must be one of the account's inboxes: else a 422 naming it. */
export async function assertWebhookInbox(db: Db, { accountId, inboxId }: { accountId: number; inboxId: number | null | undefined }): Promise<void> {
  if (inboxId === null || inboxId === undefined) return;
  const [row] = await db
    .select({ id: inboxes.id })
    .from(inboxes)
    .where(and(eq(inboxes.id, inboxId), eq(inboxes.accountId, accountId)));
  if (!row) throw AppError.validation({ inbox_id: ["is not an inbox of this account"] });
}
