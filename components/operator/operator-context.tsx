"use client";

import { createContext, useContext, useEffect, useRef } from "react";
import type { RealtimeEvent } from "@/lib/realtime/event-types";
import type { StreamState } from "@/lib/realtime/stream-client";

/**
 * The contract between the operator app's shell (sidebar, list, stream — components/operator) and the
 * conversation pane (components/conversation). The shell owns the one SSE connection and fans its
 * events out; the pane subscribes and reports its own changes so the list shows them at once.
 * Payloads are the Chatwoot push shapes of lib/presenters (ConversationPush, MessagePush …).
 */
export type Availability = "online" | "busy" | "offline";
export type Role = "administrator" | "agent";

export type OperatorMe = { id: number; name: string; email: string; role: Role; availability: Availability };
export type OperatorAgent = { id: number; name: string; email: string; role: Role; availability: Availability };
export type OperatorInbox = { id: number; name: string };
/** An account label (settings → labels) and whether it is a sidebar view. */
export type OperatorLabel = { id: number; title: string; color: string; showOnSidebar: boolean };
/** A team of the account; `isMember` says whether the viewer belongs to it. */
export type OperatorTeam = { id: number; name: string; isMember: boolean };

/** An event of the operator stream: the typed contract of lib/realtime/event-types.ts, with its outbox id. */
export type OperatorEvent = RealtimeEvent & { id: string | null };

export type Operator = {
  accountId: number;
  me: OperatorMe;
  /** Account agents with their live availability (presence.update keeps it current). */
  agents: OperatorAgent[];
  /** Inboxes the caller can reach. */
  inboxes: OperatorInbox[];
  /** The account's labels and teams (the labels control, the team picker, the cards' chips). */
  labels: OperatorLabel[];
  teams: OperatorTeam[];
  /** The operator stream's state; anything but "live" shows the "Reconnecting…" banner. */
  connection: StreamState;
  /** Every event of the operator stream, in order; returns the unsubscribe. */
  subscribe(listener: (e: OperatorEvent) => void): () => void;
  /**
   * Shows a change made from the pane in the list at once (the stream confirms it later). Understood
   * keys (the push's own names): status, priority, unread_count, last_activity_at, waiting_since,
   * assignee_id, meta.assignee ({id, name} or null) — or a whole AppConversation / ConversationPush.
   */
  patchConversation(displayId: number, patch: Record<string, unknown>): void;
  /** The open conversation (its display id) and how to move it; null shows the placeholder. */
  selectedId: number | null;
  selectConversation(displayId: number | null): void;
};

export const OperatorContext = createContext<Operator | null>(null);

export function useOperator(): Operator {
  const value = useContext(OperatorContext);
  if (!value) throw new Error("useOperator outside <OperatorContext.Provider>");
  return value;
}

/** Subscribes for the component's lifetime; the latest handler is always the one called. */
export function useOperatorEvents(handler: (e: OperatorEvent) => void): void {
  const { subscribe } = useOperator();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => subscribe((e) => latest.current(e)), [subscribe]);
}
