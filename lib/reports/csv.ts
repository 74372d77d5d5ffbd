import { stringify } from "csv-stringify/sync";
import type { Entity, NamedEntityRow } from "./reports";

/**
 * CSV downloads of the per-entity tables (Chatwoot's reports/{agents,inboxes,labels,teams}.csv): a
 * period line, a header, one row per entity; durations as Chatwoot formats them ("1 Hour 5 Minutes").
 * csv-stringify does the quoting; a cell that a spreadsheet would run as a formula gets a leading
 * apostrophe (Chatwoot's CSVSafe), since names come from users.
 */
const FORMULA = /^[=+\-@\t\r]/;
const safe = (v: string | number) => (typeof v === "string" && FORMULA.test(v) ? `'${v}` : v);

/** Chatwoot's Reports::TimeFormatPresenter: the two largest non-zero units, or "" without a value. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "";
  let s = Math.round(seconds);
  if (s < 60) return `${s} ${s === 1 ? "Second" : "Seconds"}`;
  const units: [string, number][] = [
    ["Day", 86_400],
    ["Hour", 3600],
    ["Minute", 60],
    ["Second", 1],
  ];
  const parts: string[] = [];
  for (const [name, size] of units) {
    const n = Math.floor(s / size);
    s -= n * size;
    if (n > 0) parts.push(`${n} ${n === 1 ? name : `${name}s`}`);
  }
  return parts.slice(0, 2).join(" ");
}

const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

export function tableCsv(entity: Entity, rows: NamedEntityRow[], range: { since: number; until: number }): string {
  const header: Record<Entity, string[]> = {
    agent: ["Agent name", "Conversations count", "Avg first response time", "Avg resolution time", "Avg customer waiting time", "Resolution count"],
    inbox: ["Inbox name", "Inbox type", "Conversations count", "Avg first response time", "Avg resolution time", "Avg customer waiting time", "Resolution count"],
    label: ["Label title", "Conversations count", "Avg first response time", "Avg resolution time", "Avg reply time", "Resolution count"],
    team: ["Team name", "Conversations count", "Avg first response time", "Avg resolution time", "Avg customer waiting time", "Resolution count"],
  };
  const metrics = (r: NamedEntityRow) => [
    r.conversations_count,
    formatDuration(r.avg_first_response_time),
    formatDuration(r.avg_resolution_time),
    formatDuration(r.avg_reply_time),
    r.resolved_conversations_count,
  ];
  const body = rows.map((r) => (entity === "inbox" ? [r.name, r.extra?.channel_type ?? "", ...metrics(r)] : [r.name, ...metrics(r)]));
  return stringify([[`Reporting period ${day(range.since)} to ${day(range.until)}`], [], header[entity], ...body].map((row) => row.map(safe)));
}
