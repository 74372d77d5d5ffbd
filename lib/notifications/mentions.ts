/**
 * Chatwoot's mention markup in a private note: `[@Name](mention://user/ID/Name)` (NT5). Browser-safe:
 * the composer writes it, the thread renders it, the server reads the ids out of it.
 */
export const MENTION_PATTERN = /\[@([^\]\n]{1,255})\]\(mention:\/\/user\/(\d{1,9})\/([^)\n]{0,255})\)/g;

/** The markup for one agent; brackets and parentheses in the name cannot break out of it. */
export function mentionMarkup(user: { id: number; name: string }): string {
  const name = user.name.replace(/[[\]()\n]/g, " ").trim();
  return `[@${name}](mention://user/${user.id}/${encodeURIComponent(name)})`;
}

/** The ids of the users a text mentions, each once, in order. */
export function mentionedUserIds(content: string | null | undefined): number[] {
  if (!content) return [];
  const ids = new Set<number>();
  for (const m of content.matchAll(MENTION_PATTERN)) ids.add(Number(m[2]));
  return [...ids];
}

/** A text split into plain parts and mentions, for rendering. */
export type MentionPart = { kind: "text"; text: string } | { kind: "mention"; userId: number; name: string };
export function splitMentions(content: string): MentionPart[] {
  const parts: MentionPart[] = [];
  let at = 0;
  for (const m of content.matchAll(MENTION_PATTERN)) {
    if (m.index > at) parts.push({ kind: "text", text: content.slice(at, m.index) });
    parts.push({ kind: "mention", userId: Number(m[2]), name: m[1]! });
    at = m.index + m[0].length;
  }
  if (at < content.length) parts.push({ kind: "text", text: content.slice(at) });
  return parts;
}
