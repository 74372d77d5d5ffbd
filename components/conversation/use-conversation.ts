"use client";

import { useCallback, useEffect, useState } from "react";
import { api, ApiRequestError } from "@/components/operator/api";
import { useOperatorEvents, type OperatorEvent } from "@/components/operator/operator-context";
import type { ConversationEventType } from "@/lib/realtime/event-types";
import { conversationFromWire, isSameConversation, type ConversationView } from "./conversation-view";
import { useReconnected } from "./use-reconnected";

type Json = Record<string, unknown>;

export type ConversationLoad = { state: "loading" } | { state: "gone"; message: string | null } | { state: "error"; message: string | null } | { state: "ready"; view: ConversationView; raw: Json };

/** Events whose payload is the conversation's current state (ConversationPush). */
const CONVERSATION_EVENTS = new Set<string>(["conversation.updated", "conversation.status_changed", "conversation.opened", "conversation.resolved", "conversation.read", "assignee.changed"]);
const isConversationEvent = (e: OperatorEvent): e is Extract<OperatorEvent, { type: ConversationEventType }> => CONVERSATION_EVENTS.has(e.type);

/**
 * The open conversation: loaded once, then kept current from the stream (the header and the read
 * marks follow conversation.* and assignee.changed). `apply` shows a change at once; the caller
 * rolls it back by applying the previous raw state if the API refuses.
 */
export function useConversation(accountId: number, displayId: number) {
  const [load, setLoad] = useState<ConversationLoad>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    api<Json>(accountId, `/conversations/${displayId}`, { signal: abort.signal }).then(
      (raw) => setLoad({ state: "ready", view: conversationFromWire(raw), raw }),
      (e: unknown) => {
        if (abort.signal.aborted) return;
        if (e instanceof ApiRequestError && e.status === 404) {
          setLoad({ state: "gone", message: null });
        } else setLoad({ state: "error", message: e instanceof Error ? e.message : null });
      },
    );
    return () => abort.abort();
  }, [accountId, displayId, attempt]);

  useOperatorEvents((e) => {
    if (e.type === "contact.updated") {
      // The visitor (or a colleague) changed the contact: the header and the panel follow.
      setLoad((current) => {
        if (current.state !== "ready" || e.data.id !== current.view.contact.id) return current;
        const meta = (current.raw.meta ?? {}) as Json;
        const raw = { ...current.raw, meta: { ...meta, sender: { ...((meta.sender ?? {}) as Json), ...e.data } } };
        return { state: "ready", view: conversationFromWire(raw), raw };
      });
      return;
    }
    if (!isConversationEvent(e)) return;
    setLoad((current) => {
      if (current.state !== "ready" || !isSameConversation(current.view, e.data)) return current;
      const raw = { ...current.raw, ...e.data, meta: e.data.meta ?? current.raw.meta };
      return { state: "ready", view: conversationFromWire(raw), raw };
    });
  });

  // Back from a dropped stream: re-read the conversation in place (no skeleton).
  useReconnected(() => {
    api<Json>(accountId, `/conversations/${displayId}`).then(
      (raw) => setLoad((current) => (current.state === "ready" ? { state: "ready", view: conversationFromWire(raw), raw } : current)),
      () => undefined,
    );
  });

  const apply = useCallback((patch: Json) => {
    setLoad((current) => {
      if (current.state !== "ready") return current;
      const raw = { ...current.raw, ...patch };
      return { state: "ready", view: conversationFromWire(raw), raw };
    });
  }, []);

  const retry = useCallback(() => {
    setLoad({ state: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  return { load, apply, retry };
}
