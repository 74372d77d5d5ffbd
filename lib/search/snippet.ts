import { sql, type SQL } from "drizzle-orm";
import { SEARCH_CONFIG } from "./query";

// Control characters mark the matched words in ts_headline's output; they are removed from the
// text first, so the only ones left are the markers.
const START = "\u0001";
const STOP = "\u0002";

/** ts_headline of `content` for `query`: up to two fragments around the matches. */
export function headline(content: SQL, query: SQL): SQL<string | null> {
  const options = `StartSel=${START}, StopSel=${STOP}, MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "`;
  return sql<string | null>`ts_headline(${sql.raw(`'${SEARCH_CONFIG}'`)}::regconfig, translate(${content}, ${START + STOP}, ''), ${query}, ${options})`;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * The headline as safe HTML: every character of the message escaped, and the matches — only
 * them — wrapped in `<mark>`. Nothing the message says can become markup.
 */
export function snippetHtml(raw: string | null): string {
  if (!raw) return "";
  const escaped = raw.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
  let open = false;
  let out = "";
  for (const ch of escaped) {
    if (ch === START && !open) {
      out += "<mark>";
      open = true;
    } else if (ch === STOP && open) {
      out += "</mark>";
      open = false;
    } else if (ch !== START && ch !== STOP) {
      out += ch;
    }
  }
  return open ? `${out}</mark>` : out;
}
