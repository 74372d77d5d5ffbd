import { conditionsMatch, type FilterCondition } from "@/components/workflow/filter-conditions";

/**
 * The conversation list as the operator app keeps it (SPEC U1, U3): rows built from the API's
 * AppConversation and the stream's ConversationPush / MessagePush, the filter they are matched
 * against, and the sort, mirroring lib/conversations/list-order.ts so a live upsert lands where the
 * next page load would have put it. Pure functions: the React state just holds their results.
 */
export const STATUSES = ["open", "pending", "snoozed", "resolved", "all"] as const;
export type StatusFilter = (typeof STATUSES)[number];
export const VIEWS = ["mine", "unassigned", "all"] as const;
export type View = (typeof VIEWS)[number];
export const SORTS = ["last_activity_at_desc", "created_at_desc", "priority_desc", "waiting_since_asc"] as const;
export type Sort = (typeof SORTS)[number];

export type ListFilter = {
  view: View;
  status: StatusFilter;
  inboxId: number | null;
  sort: Sort;
  /** A label view (sidebar → Labels): conversations with this label. */
  label?: string | null;
  /** A team view (sidebar → Teams, or the team filter). */
  teamId?: number | null;
  /** A saved view (custom filter, WF4) open in the list: `?filter_id=`. */
  viewId?: number | null;
  /** The filter builder's or the saved view's conditions (WF3); when set they alone decide the list. */
  conditions?: FilterCondition[] | null;
};

export type Preview = { id: number; content: string; private: boolean; incoming: boolean; attachments: number };

export type Row = {
  /** The display id (what URLs, the API and the stream call `id`). */
  id: number;
  inboxId: number;
  status: string;
  priority: string | null;
  contactId: number | null;
  contactName: string;
  assigneeId: number | null;
  assigneeName: string | null;
  /** Epoch seconds, as the API sends them; waitingSince 0 = not waiting. */
  lastActivityAt: number;
  createdAt: number;
  waitingSince: number;
  unread: number;
  preview: Preview | null;
  labels?: string[];
  teamId?: number | null;
  teamName?: string | null;
};

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : null);
const num = (v: unknown, fallback = 0): number => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * Whether a MessagePush is one a person wrote (U10): incoming, or outgoing from a user that no
 * automation rule or campaign sent. Templates (greeting, email collect, out of office, CSAT) and
 * activity messages are not (lib/conversations/list-conversations.ts personWrote, server side).
 */
export function personWrote(msg: Json): boolean {
  if (msg.message_type === 0) return true;
  if (msg.message_type !== 1 || msg.sender_type !== "User") return false;
  return !obj(msg.content_attributes)?.automation_rule_id && !obj(msg.additional_attributes)?.campaign_id;
}

/** A MessagePush as the card's preview: only what a person wrote previews (U10); anything else is null. */
export function toPreview(m: unknown): Preview | null {
  const msg = obj(m);
  if (!msg || typeof msg.id !== "number" || !personWrote(msg)) return null;
  return {
    id: msg.id,
    content: str(msg.content) ?? "",
    private: msg.private === true,
    incoming: msg.message_type === 0,
    attachments: Array.isArray(msg.attachments) ? msg.attachments.length : 0,
  };
}

/** The later of two previews (message ids only grow): a push's public message never hides a newer note. */
export function newerPreview(a: Preview | null, b: Preview | null): Preview | null {
  if (!a) return b;
  if (!b) return a;
  return b.id >= a.id ? b : a;
}

/**
 * A row from an AppConversation (the API) or a ConversationPush (the stream): both carry the
 * conversation's fields at the top and the contact / assignee under `meta`. The API's
 * `last_person_message` (a Parley addition) is what the preview shows; the push's `messages` holds the
 * last public message, which previews only when a person wrote it (otherwise the row keeps its preview).
 */
export function toRow(c: Json): Row | null {
  if (typeof c.id !== "number" || typeof c.inbox_id !== "number") return null;
  const meta = obj(c.meta) ?? {};
  const sender = obj(meta.sender) ?? {};
  const assignee = obj(meta.assignee);
  const messages = Array.isArray(c.messages) ? c.messages : [];
  const preview =
    "last_person_message" in c
      ? toPreview(c.last_person_message)
      : "last_non_activity_message" in c
        ? toPreview(c.last_non_activity_message)
        : newerPreview(null, toPreview(messages[messages.length - 1]));
  return {
    id: c.id,
    inboxId: c.inbox_id,
    status: str(c.status) ?? "open",
    priority: str(c.priority),
    contactId: typeof sender.id === "number" ? sender.id : null,
    // Contacts always have a name (K2 gives one); an empty one is shown as "Visitor" in the agent's language.
    contactName: str(sender.name) ?? "",
    assigneeId: assignee && typeof assignee.id === "number" ? assignee.id : null,
    assigneeName: assignee ? (str(assignee.available_name) ?? str(assignee.name)) : null,
    lastActivityAt: num(c.last_activity_at, num(c.timestamp)),
    createdAt: num(c.created_at),
    waitingSince: num(c.waiting_since),
    unread: num(c.unread_count),
    preview,
    labels: Array.isArray(c.labels) ? c.labels.filter((l): l is string => typeof l === "string") : [],
    teamId: obj(meta.team) && typeof obj(meta.team)!.id === "number" ? (obj(meta.team)!.id as number) : null,
    teamName: obj(meta.team) ? str(obj(meta.team)!.name) : null,
  };
}

/** Fresh state from the server wins, except a preview older than the one the row already shows. */
export function mergeRow(current: Row | undefined, next: Row): Row {
  if (!current) return next;
  return { ...next, preview: newerPreview(current.preview, next.preview) };
}

/** A message.created / message.updated push applied to its row. */
export function applyMessage(row: Row, m: Json): Row {
  const conv = obj(m.conversation) ?? {};
  const next: Row = {
    ...row,
    lastActivityAt: Math.max(row.lastActivityAt, num(conv.last_activity_at, row.lastActivityAt)),
    unread: num(conv.unread_count, row.unread),
    assigneeId: "assignee_id" in conv ? (typeof conv.assignee_id === "number" ? conv.assignee_id : null) : row.assigneeId,
    preview: newerPreview(row.preview, toPreview(m)),
  };
  if (next.assigneeId !== row.assigneeId) next.assigneeName = null; // the shell fills it from its agents
  return next;
}

/**
 * A change the pane made, shown at once. Understands the push's own keys (status, priority,
 * unread_count, snoozed_until, last_activity_at, waiting_since, assignee_id, meta.assignee) and a
 * whole AppConversation / ConversationPush.
 */
export function patchRow(row: Row, patch: Json): Row {
  if (typeof patch.id === "number" && typeof patch.inbox_id === "number" && obj(patch.meta)) {
    const full = toRow(patch);
    if (full) return mergeRow(row, full);
  }
  const next = { ...row };
  if (typeof patch.status === "string") next.status = patch.status;
  if ("priority" in patch) next.priority = str(patch.priority);
  if (typeof patch.unread_count === "number") next.unread = patch.unread_count;
  if (typeof patch.last_activity_at === "number") next.lastActivityAt = patch.last_activity_at;
  if (typeof patch.waiting_since === "number") next.waitingSince = patch.waiting_since;
  if (Array.isArray(patch.labels)) next.labels = patch.labels.filter((l): l is string => typeof l === "string");
  const meta = obj(patch.meta);
  if (meta && "team" in meta) {
    const team = obj(meta.team);
    next.teamId = team && typeof team.id === "number" ? team.id : null;
    next.teamName = team ? str(team.name) : null;
  }
  if (meta && "assignee" in meta) {
    const a = obj(meta.assignee);
    next.assigneeId = a && typeof a.id === "number" ? a.id : null;
    next.assigneeName = a ? (str(a.available_name) ?? str(a.name)) : null;
  } else if ("assignee_id" in patch) {
    next.assigneeId = typeof patch.assignee_id === "number" ? patch.assignee_id : null;
    next.assigneeName = null;
  }
  return next;
}

export function matches(row: Row, f: ListFilter, meId: number): boolean {
  if (f.conditions?.length) return conditionsMatch(row, f.conditions) === true;
  if (f.status !== "all" && row.status !== f.status) return false;
  if (f.inboxId !== null && row.inboxId !== f.inboxId) return false;
  if (f.label && !(row.labels ?? []).includes(f.label)) return false;
  if (f.teamId != null && (row.teamId ?? null) !== f.teamId) return false;
  if (f.view === "mine") return row.assigneeId === meId;
  if (f.view === "unassigned") return row.assigneeId === null;
  return true;
}

const RANK: Record<string, number> = { urgent: 4, high: 3, medium: 2, low: 1 };
const cmp = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);

/** The server's ORDER BY for each sort (list-order.ts), ids standing in for the internal id. */
export function compareRows(sort: Sort, a: Row, b: Row): number {
  switch (sort) {
    case "last_activity_at_desc":
      return cmp(b.lastActivityAt, a.lastActivityAt) || cmp(b.id, a.id);
    case "created_at_desc":
      return cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id);
    case "priority_desc":
      return cmp(RANK[b.priority ?? ""] ?? 0, RANK[a.priority ?? ""] ?? 0) || cmp(b.lastActivityAt, a.lastActivityAt) || cmp(b.id, a.id);
    case "waiting_since_asc":
      return cmp(a.waitingSince || Infinity, b.waitingSince || Infinity) || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id);
  }
}

/**
 * Puts a row where it belongs, or takes it out when it no longer matches the filter. A row that
 * would sort after the last loaded one stays out while more pages exist: the next page brings it,
 * so keyset paging never skips or doubles a row.
 */
export function upsertRow(rows: Row[], row: Row, f: ListFilter, meId: number, hasMore: boolean): Row[] {
  const current = rows.find((r) => r.id === row.id);
  const rest = current ? rows.filter((r) => r.id !== row.id) : rows;
  const merged = mergeRow(current, row);
  // A filter the row cannot be checked against on the client keeps the rows it holds and adds none.
  const fits = f.conditions?.length ? (conditionsMatch(merged, f.conditions) ?? !!current) : matches(merged, f, meId);
  if (!fits) return current ? rest : rows;
  let at = rest.findIndex((r) => compareRows(f.sort, merged, r) < 0);
  if (at === -1) {
    if (hasMore) return current ? rest : rows;
    at = rest.length;
  }
  return [...rest.slice(0, at), merged, ...rest.slice(at)];
}

/** contact.updated: the contact's new name on every card of theirs (same order, nothing else changes). */
export function renameContact(rows: Row[], contact: Json): Row[] {
  const name = str(contact.name);
  if (typeof contact.id !== "number" || !name || !rows.some((r) => r.contactId === contact.id && r.contactName !== name)) return rows;
  return rows.map((r) => (r.contactId === contact.id ? { ...r, contactName: name } : r));
}

/** Appends a page, keeping the first copy of any row already there. */
export function appendPage(rows: Row[], page: Row[]): Row[] {
  const seen = new Set(rows.map((r) => r.id));
  return [...rows, ...page.filter((r) => !seen.has(r.id))];
}

/** Minutes an open conversation has waited for a reply, for the card's colour: amber > 15, red > 60. */
export function waitingTone(row: Row, nowSeconds: number): "none" | "calm" | "amber" | "red" {
  if (!row.waitingSince || row.status !== "open") return "none";
  const minutes = (nowSeconds - row.waitingSince) / 60;
  if (minutes > 60) return "red";
  if (minutes > 15) return "amber";
  return "calm";
}

/** Epoch seconds now, the unit of every time the list holds. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);
