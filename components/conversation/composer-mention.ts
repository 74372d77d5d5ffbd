import { mentionMarkup } from "@/lib/notifications/mentions";
import { spliceAt } from "./composer-caret";

/** An agent the `@` picker may offer. */
export type MentionCandidate = { id: number; name: string };

/** The `@query` the caret is in: `text[start, end)`, with the at sign at `start`. */
export type AtQuery = { start: number; end: number; query: string };

/** An `@` at the start or after whitespace, then the name typed so far (letters, digits, dots, dashes). */
export function atQueryAt(text: string, caret: number): AtQuery | null {
  const match = /(?:^|\s)@([\p{L}\p{N}._-]{0,40})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[1]!;
  const start = caret - query.length - 1;
  let end = caret;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  return { start, end, query };
}

/** Names that start with the query first, then names with a word that does, then any containing it. */
export function filterCandidates(list: MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const q = query.toLowerCase();
  const score = (c: MentionCandidate) => {
    const n = c.name.toLowerCase();
    if (n.startsWith(q)) return 0;
    if (n.split(/\s+/).some((w) => w.startsWith(q))) return 1;
    return n.includes(q) ? 2 : 3;
  };
  return list
    .map((c) => ({ c, s: score(c) }))
    .filter((x) => x.s < 3)
    .sort((a, b) => a.s - b.s || a.c.name.localeCompare(b.c.name))
    .slice(0, limit)
    .map((x) => x.c);
}

/** The draft with the `@query` replaced by the agent's mention markup and a space (NT5). */
export function applyMention(text: string, at: AtQuery, agent: MentionCandidate): { text: string; caret: number } {
  return spliceAt(text, at.start, at.end, `${mentionMarkup(agent)} `);
}
