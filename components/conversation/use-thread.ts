"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { api } from "@/components/operator/api";
import { useOperatorEvents } from "@/components/operator/operator-context";
import type { ComposerProps, PendingMessage } from "./composer-contract";
import { threadMessageFromWire } from "./thread-message";
import { emptyThread, threadReducer } from "./thread-state";
import { useReconnected } from "./use-reconnected";

type Json = Record<string, unknown>;

/**
 * The thread's messages: the latest page, older pages on demand (M8 `before`), and live
 * message.created / message.updated for this conversation. `inboxId` tells this conversation's
 * events from another account's conversation with the same display id.
 */
export function useThread(accountId: number, displayId: number, inboxId: number | null) {
  const [state, dispatch] = useReducer(threadReducer, emptyThread);
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const [loadingOlder, setLoadingOlder] = useState(false);
  const olderInFlight = useRef(false);
  /** Bumped for every incoming message that arrived live (the pane marks it seen). */
  const [incomingTick, setIncomingTick] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    api<{ payload: Json[] }>(accountId, `/conversations/${displayId}/messages`, { signal: abort.signal }).then(
      (res) => {
        dispatch({ type: "loaded", messages: res.payload.map(threadMessageFromWire) });
        setStatus("ready");
      },
      () => {
        if (!abort.signal.aborted) setStatus("error");
      },
    );
    return () => abort.abort();
  }, [accountId, displayId]);

  const oldestId = state.messages[0]?.id;
  const loadOlder = useCallback(async () => {
    if (olderInFlight.current || !state.hasOlder || oldestId === undefined) return;
    olderInFlight.current = true;
    setLoadingOlder(true);
    try {
      const res = await api<{ payload: Json[] }>(accountId, `/conversations/${displayId}/messages?before=${oldestId}`);
      dispatch({ type: "older", messages: res.payload.map(threadMessageFromWire) });
    } catch {
      // Scrolling up again retries; the thread keeps what it has.
    } finally {
      olderInFlight.current = false;
      setLoadingOlder(false);
    }
  }, [accountId, displayId, oldestId, state.hasOlder]);

  // Back from a dropped stream: whatever is newer than the newest shown (and every change to those
  // shown, by the latest page) comes by fetch; the reducer keeps it unique.
  const newestId = state.messages.at(-1)?.id;
  useReconnected(() => {
    const path = newestId === undefined ? "" : `?after=${newestId}`;
    for (const p of new Set([path, ""])) {
      api<{ payload: Json[] }>(accountId, `/conversations/${displayId}/messages${p}`).then(
        (res) => res.payload.forEach((m) => dispatch({ type: "upsert", message: threadMessageFromWire(m) })),
        () => undefined,
      );
    }
  });

  useOperatorEvents((e) => {
    if (e.type !== "message.created" && e.type !== "message.updated") return;
    const d = e.data;
    if (d.conversation_id !== displayId || inboxId === null || d.inbox_id !== inboxId) return;
    const message = threadMessageFromWire(d);
    dispatch({ type: "upsert", message });
    if (e.type === "message.created" && message.message_type === 0) setIncomingTick((n) => n + 1);
  });

  const onPending = useCallback((message: PendingMessage) => dispatch({ type: "pending", message }), []);
  const onSettled = useCallback<ComposerProps["onSettled"]>((echoId, result) => {
    if (result.ok) dispatch({ type: "settled", echoId, message: threadMessageFromWire(result.message) });
    // The composer puts a refused message back in the box and says why; the thread lets it go.
    else dispatch({ type: "dismiss", echoId });
  }, []);
  const dismiss = useCallback((echoId: string) => dispatch({ type: "dismiss", echoId }), []);

  return { state, status, loadingOlder, loadOlder, onPending, onSettled, dismiss, incomingTick };
}
