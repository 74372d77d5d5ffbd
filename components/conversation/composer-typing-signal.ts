"use client";

import { useCallback, useEffect, useRef } from "react";
import { api } from "@/components/operator/api";
import { TYPING_IDLE_MS, typingIdle, typingStep, type TypingEvent } from "./composer-typing";

/**
 * Tells the visitor the agent is typing (POST …/toggle_typing_status, SPEC U1/E3) while `enabled`
 * (reply mode: a private note is nothing the visitor should hear about). `typed()` on every edit;
 * `stop()` on send and blur. It stops by itself after TYPING_IDLE_MS without a keystroke, when it is
 * disabled, and on unmount. A failed signal is only a missed indicator, so errors are ignored.
 */
export function useTypingSignal({ accountId, displayId, enabled }: { accountId: number; displayId: number; enabled: boolean }) {
  const state = useRef(typingIdle);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const sending = useRef<Promise<unknown>>(Promise.resolve());

  const dispatch = useCallback(
    (event: TypingEvent) => {
      const step = typingStep(state.current, event);
      state.current = step.state;
      const status = step.send;
      // One at a time, in order: an "off" overtaking its "on" would leave the indicator stuck for 30 s.
      if (status) sending.current = sending.current.then(() => api(accountId, `/conversations/${displayId}/toggle_typing_status`, { json: { typing_status: status } })).catch(() => undefined);
    },
    [accountId, displayId],
  );

  const stop = useCallback(() => {
    clearTimeout(idleTimer.current);
    dispatch({ type: "stopped" });
  }, [dispatch]);

  const typed = useCallback(() => {
    if (!enabled) return;
    dispatch({ type: "typed", at: Date.now() });
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stop, TYPING_IDLE_MS);
  }, [dispatch, enabled, stop]);

  useEffect(() => {
    if (!enabled) stop();
  }, [enabled, stop]);
  useEffect(() => stop, [stop]);

  return { typed, stop };
}
