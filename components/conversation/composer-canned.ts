import { spliceAt } from "./composer-caret";

/** A canned response as GET /canned_responses presents it. */
export type CannedResponse = { id: number; short_code: string; content: string };

/** The `/query` the caret is in: `text[start, end)`, with the slash at `start`. */
export type SlashQuery = { start: number; end: number; query: string };

/**
 * The slash command under the caret (SPEC U1 "canned responses on /"): a `/` at the start of the
 * text or right after whitespace, then the word typed so far. A slash inside a word ("and/or",
 * "https://…") is not one. `end` runs to the end of the word, so the whole `/query` is replaced
 * even when the caret went back into it.
 */
export function slashQueryAt(text: string, caret: number): SlashQuery | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\s)\/([^\s/]*)$/.exec(before);
  if (!match) return null;
  const query = match[1]!;
  const start = caret - query.length - 1;
  let end = caret;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  return { start, end, query };
}

/**
 * The canned responses that match what was typed after the slash, as Chatwoot ranks them: short
 * codes that start with it, then short codes that contain it, then content that contains it;
 * case-insensitive, each group in the order given (the API sorts by short code).
 */
export function filterCanned(list: CannedResponse[], query: string, limit = 8): CannedResponse[] {
  const q = query.toLowerCase();
  if (!q) return list.slice(0, limit);
  const starts: CannedResponse[] = [];
  const inCode: CannedResponse[] = [];
  const inContent: CannedResponse[] = [];
  for (const c of list) {
    const code = c.short_code.toLowerCase();
    if (code.startsWith(q)) starts.push(c);
    else if (code.includes(q)) inCode.push(c);
    else if (c.content.toLowerCase().includes(q)) inContent.push(c);
  }
  return [...starts, ...inCode, ...inContent].slice(0, limit);
}

/** The draft with the `/query` replaced by the response's content, and the caret after it. */
export function applyCanned(text: string, slash: SlashQuery, canned: Pick<CannedResponse, "content">): { text: string; caret: number } {
  return spliceAt(text, slash.start, slash.end, canned.content);
}

/** What a key does while the slash menu is open: move the highlight, insert, close it, hold it, or nothing. */
export type CannedKeyAction = "up" | "down" | "pick" | "dismiss" | "hold" | null;

/**
 * A key pressed while the `/` menu is open (U7). With matches, the arrows move, Enter or Tab
 * inserts and Escape closes. With none, the menu says so and Enter does nothing — the typed
 * "/word" is never sent by mistake; Escape closes the menu, after which Enter sends as usual.
 */
export function cannedMenuKey(matches: number, key: string, opts: { shift?: boolean; composing?: boolean } = {}): CannedKeyAction {
  if (key === "Escape") return "dismiss";
  const enter = key === "Enter" && !opts.shift && !opts.composing;
  if (matches === 0) return enter ? "hold" : null;
  if (key === "ArrowDown") return "down";
  if (key === "ArrowUp") return "up";
  if (enter || key === "Tab") return "pick";
  return null;
}
