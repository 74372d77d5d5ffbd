import type { Client } from "pg";
import { expect } from "../fixtures";

/**
 * Waits until the current second is past the inbox's latest visitor seen (or there is none). The
 * wire carries whole seconds (contact_last_seen_at, created_at), so a reply written in the same second
 * as a seen reads as seen on the next page load; a reply a person types never comes that fast, and a
 * journey that sends one right after a seen must wait for the second to turn.
 */
export async function afterSeenSecond(db: Client, inboxId: number): Promise<void> {
  const passed = "select coalesce(now() >= date_trunc('second', max(contact_last_seen_at)) + interval '1 second', true) as passed from conversations where inbox_id = $1";
  await expect.poll(async () => (await db.query<{ passed: boolean }>(passed, [inboxId])).rows[0]?.passed, { intervals: [100] }).toBe(true);
}
