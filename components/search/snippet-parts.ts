/**
 * The search API's `search_snippet` is HTML-escaped text whose only markup is `<mark>…</mark>`
 * (docs/search.md). The box never hands it to innerHTML: it is split into text runs, entities are
 * decoded, and React renders each run as text — a `<mark>` element only where the API marked a
 * match. Anything else that looks like markup stays visible text.
 */
export type SnippetPart = { text: string; mark: boolean };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_, name: string) => ENTITIES[name] ?? "");
}

export function snippetParts(html: string | null | undefined): SnippetPart[] {
  if (!html) return [];
  const parts: SnippetPart[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let at = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > at) parts.push({ text: decodeEntities(html.slice(at, m.index)), mark: false });
    parts.push({ text: decodeEntities(m[1]!), mark: true });
    at = m.index + m[0].length;
  }
  if (at < html.length) parts.push({ text: decodeEntities(html.slice(at)), mark: false });
  return parts.filter((p) => p.text !== "");
}
