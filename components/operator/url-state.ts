import type { FilterCondition } from "@/components/workflow/filter-conditions";
import { readFilterParam, writeFilterParam } from "@/components/workflow/filter-param";
import { SORTS, STATUSES, VIEWS, type ListFilter } from "./list-model";

/**
 * The operator app's place lives in the URL (SPEC U1): `?view=&status=&sort=&inbox_id=&label=&team_id=&filter_id=&filter=&conversation=`,
 * so a reload, a shared link and the browser's back/forward all land on the same screen.
 * Defaults are left out to keep links short. `filter=` is an unsaved filter's conditions (Chatwoot's
 * payload as JSON, components/workflow/filter-param.ts); a saved view is `filter_id=` and wins over it.
 */
export type OperatorPlace = ListFilter & { conversation: number | null };

export const DEFAULT_PLACE: OperatorPlace = {
  view: "all",
  status: "open",
  sort: "last_activity_at_desc",
  inboxId: null,
  label: null,
  teamId: null,
  viewId: null,
  conditions: null,
  conversation: null,
};

const id = (v: string | null) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null);
const label = (v: string | null) => (v && v.length <= 255 && /^[\p{L}\p{N}_-]+$/u.test(v) ? v.toLowerCase() : null);
const oneOf = <T extends string>(list: readonly T[], v: string | null, fallback: T): T => ((list as readonly string[]).includes(v ?? "") ? (v as T) : fallback);

/** An unsaved filter's conditions as the builder holds them (its booleans are "true" / "false"). */
function conditionsParam(raw: string | null): FilterCondition[] | null {
  const read = readFilterParam(raw);
  return read && read.map((c) => ({ ...c, values: c.values.map((v) => (typeof v === "boolean" ? String(v) : v)) }));
}

export function parsePlace(params: URLSearchParams | { get(name: string): string | null }): OperatorPlace {
  const viewId = id(params.get("filter_id"));
  return {
    view: oneOf(VIEWS, params.get("view"), DEFAULT_PLACE.view),
    status: oneOf(STATUSES, params.get("status"), DEFAULT_PLACE.status),
    sort: oneOf(SORTS, params.get("sort"), DEFAULT_PLACE.sort),
    inboxId: id(params.get("inbox_id")),
    label: label(params.get("label")),
    teamId: id(params.get("team_id")),
    viewId,
    conditions: viewId === null ? conditionsParam(params.get("filter")) : null,
    conversation: id(params.get("conversation")),
  };
}

export function placeQuery(p: OperatorPlace): string {
  const q = new URLSearchParams();
  if (p.view !== DEFAULT_PLACE.view) q.set("view", p.view);
  if (p.status !== DEFAULT_PLACE.status) q.set("status", p.status);
  if (p.sort !== DEFAULT_PLACE.sort) q.set("sort", p.sort);
  if (p.inboxId !== null) q.set("inbox_id", String(p.inboxId));
  if (p.label) q.set("label", p.label);
  if (p.teamId != null) q.set("team_id", String(p.teamId));
  if (p.viewId != null) q.set("filter_id", String(p.viewId));
  else if (p.conditions?.length) {
    const filter = writeFilterParam(p.conditions);
    if (filter) q.set("filter", filter);
  }
  if (p.conversation !== null) q.set("conversation", String(p.conversation));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The list API's query for a filter (Chatwoot's names; `assignee_type=me` for Mine). */
export function listQuery(f: ListFilter, cursor?: string | null): string {
  const q = new URLSearchParams({ status: f.status, assignee_type: f.view === "mine" ? "me" : f.view, sort_by: f.sort });
  if (f.inboxId !== null) q.set("inbox_id", String(f.inboxId));
  if (f.label) q.append("labels[]", f.label);
  if (f.teamId != null) q.set("team_id", String(f.teamId));
  if (cursor) q.set("cursor", cursor);
  return `?${q.toString()}`;
}

export const sameFilter = (a: ListFilter, b: ListFilter) =>
  a.view === b.view &&
  a.status === b.status &&
  a.sort === b.sort &&
  a.inboxId === b.inboxId &&
  (a.label ?? null) === (b.label ?? null) &&
  (a.teamId ?? null) === (b.teamId ?? null) &&
  (a.viewId ?? null) === (b.viewId ?? null) &&
  JSON.stringify(a.conditions ?? null) === JSON.stringify(b.conditions ?? null);

/** A filter with conditions is read from POST /conversations/filter (the list's GET takes none). */
export function filterRequest(f: ListFilter, cursor?: string | null): { path: string; init: { method: "POST"; headers: Record<string, string>; body: string } } | null {
  if (!f.conditions?.length) return null;
  const q = new URLSearchParams({ sort_by: f.sort });
  if (cursor) q.set("cursor", cursor);
  return { path: `/filter?${q.toString()}`, init: { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ payload: f.conditions }) } };
}
