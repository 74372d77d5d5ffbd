import type { PendingMessage } from "./composer-contract";
import type { PendingEntry, ThreadMessage } from "./thread-message";

/**
 * The thread's messages and the composer's pending ones (composer-contract.ts). Stored messages are
 * kept unique by id and in id order; a pending message leaves when its stored twin arrives — by the
 * POST's answer or by the `message.created` event, whichever is first, matched by echo_id — so a
 * message is never shown twice.
 */
export type ThreadState = {
  messages: ThreadMessage[];
  pending: PendingEntry[];
  /** Older messages may exist (the last page of `before` was full). */
  hasOlder: boolean;
  /** echo_ids already stored: a late onPending/onSettled for them adds nothing. */
  settledEchoIds: ReadonlySet<string>;
};

export const PAGE_SIZE = 20;

export const emptyThread: ThreadState = { messages: [], pending: [], hasOlder: false, settledEchoIds: new Set() };

export type ThreadAction =
  | { type: "loaded"; messages: ThreadMessage[] }
  | { type: "older"; messages: ThreadMessage[] }
  | { type: "upsert"; message: ThreadMessage }
  | { type: "pending"; message: PendingMessage }
  | { type: "settled"; echoId: string; message: ThreadMessage }
  | { type: "failed"; echoId: string; error: string }
  | { type: "dismiss"; echoId: string };

function merge(existing: ThreadMessage[], incoming: ThreadMessage[]): ThreadMessage[] {
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const m of incoming) {
    const prior = byId.get(m.id);
    // An update never loses the echo_id the event carried (the index leaves it out).
    byId.set(m.id, prior?.echo_id && !m.echo_id ? { ...m, echo_id: prior.echo_id } : m);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function withStored(state: ThreadState, incoming: ThreadMessage[]): ThreadState {
  const echoes = incoming.map((m) => m.echo_id).filter((e): e is string => !!e);
  if (!echoes.length) return { ...state, messages: merge(state.messages, incoming) };
  const settled = new Set(state.settledEchoIds);
  for (const e of echoes) settled.add(e);
  return { ...state, messages: merge(state.messages, incoming), pending: state.pending.filter((p) => !settled.has(p.echoId)), settledEchoIds: settled };
}

export function threadReducer(state: ThreadState, action: ThreadAction): ThreadState {
  switch (action.type) {
    case "loaded":
      return { ...withStored(state, action.messages), hasOlder: action.messages.length >= PAGE_SIZE };
    case "older":
      return { ...withStored(state, action.messages), hasOlder: action.messages.length >= PAGE_SIZE };
    case "upsert":
      return withStored(state, [action.message]);
    case "settled":
      return withStored(state, [{ ...action.message, echo_id: action.echoId }]);
    case "pending":
      if (state.settledEchoIds.has(action.message.echoId)) return state;
      return {
        ...state,
        pending: [...state.pending.filter((p) => p.echoId !== action.message.echoId), { ...action.message, state: "sending" }],
      };
    case "failed":
      return { ...state, pending: state.pending.map((p) => (p.echoId === action.echoId ? { ...p, state: "failed", error: action.error } : p)) };
    case "dismiss":
      return { ...state, pending: state.pending.filter((p) => p.echoId !== action.echoId) };
  }
}
