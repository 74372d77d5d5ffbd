/**
 * The conversation as the pane shows it, built from either wire shape the pane receives: the
 * Application API's AppConversation (GET …/conversations/:id) or a stream event's ConversationPush
 * (conversation.updated, status_changed, assignee.changed, read …). Both are Chatwoot's shapes.
 */
export type ContactView = {
  id: number;
  name: string;
  email: string | null;
  phone_number: string | null;
  identifier: string | null;
  /** Claimed by the visitor without proof: never to be taken for who they are. */
  unverified_identifier: string | null;
  thumbnail: string;
  custom_attributes: Record<string, unknown>;
  additional_attributes: Record<string, unknown>;
};

export type AssigneeView = { id: number; name: string };
export type TeamView = { id: number; name: string };

export type Status = "open" | "pending" | "resolved" | "snoozed";
export type Priority = "low" | "medium" | "high" | "urgent" | null;

export type ConversationView = {
  id: number;
  inbox_id: number;
  status: Status;
  priority: Priority;
  snoozed_until: string | null;
  assignee: AssigneeView | null;
  /** The conversation's team (`meta.team`), null when it has none. */
  team: TeamView | null;
  contact: ContactView;
  additional_attributes: Record<string, unknown>;
  custom_attributes: Record<string, unknown>;
  labels: string[];
  /** Epoch seconds, 0 when never (E7 read marks). */
  contact_last_seen_at: number;
  created_at: number;
};

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function contactFrom(raw: unknown): ContactView {
  const c = obj(raw);
  return {
    id: num(c.id),
    // Contacts always have a name (K2); an empty one is named by the pane in the agent's language.
    name: str(c.name) ?? "",
    email: str(c.email),
    phone_number: str(c.phone_number),
    identifier: str(c.identifier),
    unverified_identifier: str(c.unverified_identifier),
    thumbnail: str(c.thumbnail) ?? "",
    custom_attributes: obj(c.custom_attributes),
    additional_attributes: obj(c.additional_attributes),
  };
}

function assigneeFrom(raw: unknown): AssigneeView | null {
  const a = obj(raw);
  if (typeof a.id !== "number") return null;
  return { id: a.id, name: str(a.available_name) ?? str(a.name) ?? `Agent ${a.id}` };
}

const STATUSES: Status[] = ["open", "pending", "resolved", "snoozed"];
const PRIORITIES = ["low", "medium", "high", "urgent"];

/** AppConversation and ConversationPush share these keys; `meta.sender` / `meta.assignee` too. */
export function conversationFromWire(raw: Json): ConversationView {
  const meta = obj(raw.meta);
  const status = STATUSES.find((s) => s === raw.status) ?? "open";
  const priority = PRIORITIES.includes(raw.priority as string) ? (raw.priority as Priority) : null;
  return {
    id: num(raw.id),
    inbox_id: num(raw.inbox_id),
    status,
    priority,
    snoozed_until: str(raw.snoozed_until),
    assignee: assigneeFrom(meta.assignee),
    team: typeof obj(meta.team).id === "number" ? { id: obj(meta.team).id as number, name: str(obj(meta.team).name) ?? "" } : null,
    contact: contactFrom(meta.sender),
    additional_attributes: obj(raw.additional_attributes),
    custom_attributes: obj(raw.custom_attributes),
    labels: Array.isArray(raw.labels) ? raw.labels.filter((l): l is string => typeof l === "string") : [],
    contact_last_seen_at: num(raw.contact_last_seen_at),
    created_at: num(raw.created_at),
  };
}

/** Whether a stream payload describes this conversation: display ids repeat across accounts, inbox ids do not. */
export function isSameConversation(view: Pick<ConversationView, "id" | "inbox_id">, raw: Json): boolean {
  return raw.id === view.id && raw.inbox_id === view.inbox_id;
}
