"use client";

import { useEffect, useRef } from "react";
import { api } from "@/components/operator/api";
import { useOperator } from "@/components/operator/operator-context";

/**
 * C6/U3: opening a conversation, and new incoming messages while it is open and the tab is visible,
 * mark it seen (the server writes only when something is unread). The list's badge, the sidebar's
 * inbox badge and the tab title clear at once (U6);
 * a hidden tab marks it when it becomes visible again.
 */
export function useMarkSeen(displayId: number, ready: boolean, incomingTick: number): void {
  const { accountId, patchConversation, countsChanged } = useOperator();
  // Only the latest is needed; depending on it would re-mark on every render of the shell.
  const patch = useRef(patchConversation);
  const recount = useRef(countsChanged);
  useEffect(() => {
    patch.current = patchConversation;
    recount.current = countsChanged;
  });

  useEffect(() => {
    if (!ready) return;
    const mark = () => {
      if (document.visibilityState !== "visible") return;
      patch.current(displayId, { unread_count: 0 });
      api(accountId, `/conversations/${displayId}/update_last_seen`, { method: "POST" }).then(
        // The sidebar's inbox badge and the tab title follow the card's badge (U6).
        () => recount.current(),
        () => {
          // Only a badge is at stake; the next message or visit tries again.
        },
      );
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [accountId, displayId, ready, incomingTick]);
}
