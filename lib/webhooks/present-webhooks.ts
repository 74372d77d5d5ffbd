import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inboxes, type Webhook } from "@/db/schema";
import { CHANNEL_CLASS } from "@/lib/presenters/conversation-push";
import { presentWebhook } from "./webhooks";

export type WebhookInbox = { id: number; name: string; channel_type: string };

/** Chatwoot's `_webhook.json.jbuilder` for a list: `inbox: {id, name, channel_type}` on inbox-scoped ones. */
export async function presentWebhooks(db: Db, hooks: Webhook[], { withSecret = false }: { withSecret?: boolean } = {}): Promise<Record<string, unknown>[]> {
  const ids = [...new Set(hooks.map((h) => h.inboxId).filter((v): v is number => v !== null))];
  const rows = ids.length ? await db.select({ id: inboxes.id, name: inboxes.name, channelType: inboxes.channelType }).from(inboxes).where(inArray(inboxes.id, ids)) : [];
  const byId = new Map<number, WebhookInbox>(rows.map((r) => [r.id, { id: r.id, name: r.name, channel_type: CHANNEL_CLASS[r.channelType] }]));
  return hooks.map((h) => {
    const inbox = h.inboxId === null ? undefined : byId.get(h.inboxId);
    return { ...presentWebhook(h), ...(inbox ? { inbox } : {}), ...(withSecret ? { secret: h.secret } : {}) };
  });
}

/** One webhook as the API answers it (create and rotate add the secret, WH3). */
export async function presentOneWebhook(db: Db, hook: Webhook, opts: { withSecret?: boolean } = {}): Promise<Record<string, unknown>> {
  return (await presentWebhooks(db, [hook], opts))[0]!;
}
