import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import { loadAppMessages, type AppMessage } from "@/lib/presenters/app-message";
import { SEARCH_PER_PAGE, tsQuery, type SearchArgs } from "./query";
import { inboxScope } from "./scope";
import { headline, snippetHtml } from "./snippet";

/** Chatwoot's search message (`api/v1/models/_message`) plus where it matched, as safe HTML. */
export type MessageSearchResult = AppMessage & { search_snippet: string };

/**
 * Messages of the account whose words match the query (docs/search.md), newest first, private
 * notes included (this is the agents' API; no visitor route calls it), activity lines left out.
 * Two statements: the page's rows — Postgres chooses between the GIN index and walking the
 * account's messages newest first — and the headlines of those rows only.
 */
export async function searchMessages(db: Db, { accountId, user, q, page = 1 }: SearchArgs): Promise<MessageSearchResult[]> {
  const query = tsQuery(q);
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.accountId, accountId),
        sql`${messages}.search_vector @@ ${query}`,
        ne(messages.messageType, "activity"),
        inboxScope(user, sql`${messages.inboxId}`),
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(SEARCH_PER_PAGE)
    .offset((page - 1) * SEARCH_PER_PAGE);
  if (!rows.length) return [];
  const heads = await db
    .select({ id: messages.id, snippet: headline(sql`${messages.content}`, query) })
    .from(messages)
    .where(inArray(messages.id, rows.map((r) => r.id)));
  const snippets = new Map(heads.map((h) => [h.id, snippetHtml(h.snippet)]));
  const presented = await loadAppMessages(db, rows);
  return presented.map((m) => ({ ...m, search_snippet: snippets.get(m.id) ?? "" }));
}
