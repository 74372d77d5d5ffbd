import { and, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import { loadAppMessages, type AppMessage } from "@/lib/presenters/app-message";
import { withBitmapScans } from "./bitmap-scans";
import { SEARCH_PER_PAGE, tsQuery, type SearchArgs } from "./query";
import { inboxScope } from "./scope";
import { headline, snippetHtml } from "./snippet";

/** Chatwoot's search message (`api/v1/models/_message`) plus where it matched, as safe HTML. */
export type MessageSearchResult = AppMessage & { search_snippet: string };

/**
 * How many of the account's newest messages the first pass reads. A word in at least ~0.4 % of
 * them fills a page there, at a cost bounded by this number whatever the word (docs/search.md).
 */
export const RECENT_WINDOW = 4000;

/**
 * Messages of the account whose words match the query (docs/search.md), newest first, private
 * notes included (this is the agents' API; no visitor route calls it), activity lines left out.
 *
 * Two passes so that neither a common nor a rare word is slow: the account's newest
 * RECENT_WINDOW messages are read newest first and filtered (a common word fills the page there);
 * when they hold less than the page, the GIN index finds every match and Postgres sorts those
 * (a rare word has few). Then the page's rows with their headlines, and their presentation.
 */
export async function searchMessages(db: Db, { accountId, user, q, page = 1 }: SearchArgs): Promise<MessageSearchResult[]> {
  const query = tsQuery(q);
  const offset = (page - 1) * SEARCH_PER_PAGE;
  const recent = db
    .select({ id: messages.id, createdAt: messages.createdAt, inboxId: messages.inboxId, messageType: messages.messageType, vector: sql<string>`${messages}.search_vector`.as("vector") })
    .from(messages)
    .where(eq(messages.accountId, accountId))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(RECENT_WINDOW)
    .as("recent");
  let ids = (
    await db
      .select({ id: recent.id })
      .from(recent)
      .where(and(sql`${recent.vector} @@ ${query}`, ne(recent.messageType, "activity"), inboxScope(user, sql`${recent.inboxId}`)))
      .orderBy(desc(recent.createdAt), desc(recent.id))
      .limit(SEARCH_PER_PAGE)
      .offset(offset)
  ).map((r) => r.id);
  if (ids.length < SEARCH_PER_PAGE) {
    const where: SQL | undefined = and(eq(messages.accountId, accountId), sql`${messages}.search_vector @@ ${query}`, ne(messages.messageType, "activity"), inboxScope(user, sql`${messages.inboxId}`));
    ids = await withBitmapScans(db, async (tx) =>
      (await tx.select({ id: messages.id }).from(messages).where(where).orderBy(desc(messages.createdAt), desc(messages.id)).limit(SEARCH_PER_PAGE).offset(offset)).map((r) => r.id),
    );
  }
  if (!ids.length) return [];

  const rows = await db
    .select({ message: messages, snippet: headline(sql`${messages.content}`, query) })
    .from(messages)
    .where(inArray(messages.id, ids));
  const byId = new Map(rows.map((r) => [r.message.id, r]));
  const ordered = ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const snippets = new Map(ordered.map((r) => [r.message.id, snippetHtml(r.snippet)]));
  const presented = await loadAppMessages(
    db,
    ordered.map((r) => r.message),
  );
  return presented.map((m) => ({ ...m, search_snippet: snippets.get(m.id) ?? "" }));
}
