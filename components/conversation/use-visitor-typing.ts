"use client";

import { useEffect, useState } from "react";
import { useOperatorEvents } from "@/components/operator/operator-context";
import { isSameConversation } from "./conversation-view";
import { typingOn, typingVisible, type Typing } from "./typing-state";

type Json = Record<string, unknown>;

/**
 * The visitor's typing in this conversation (conversation.typing_on/off whose `user` is the
 * contact). It clears on typing_off, on the visitor's message, or 30 s after the last signal (E3).
 */
export function useVisitorTyping(conversation: { id: number; inbox_id: number } | null): string | null {
  const [typing, setTyping] = useState<Typing>(null);
  const [now, setNow] = useState(() => Date.now());

  useOperatorEvents((e) => {
    if (!conversation) return;
    if (e.type === "message.created") {
      const d = e.data;
      if (d.conversation_id === conversation.id && d.inbox_id === conversation.inbox_id && d.message_type === 0) setTyping(null);
      return;
    }
    if (e.type !== "conversation.typing_on" && e.type !== "conversation.typing_off") return;
    const c = (e.data.conversation ?? {}) as Json;
    const user = (e.data.user ?? {}) as Json;
    if (!isSameConversation(conversation, c) || user.type !== "contact") return;
    if (e.type === "conversation.typing_off") setTyping(null);
    else {
      const at = Date.now();
      setNow(at);
      setTyping(typingOn(typeof user.name === "string" && user.name ? user.name : "The visitor", at));
    }
  });

  // One timer for the current signal: when it fires, `now` passes `until` and the indicator goes.
  useEffect(() => {
    if (!typing) return;
    const t = window.setTimeout(() => setNow(Date.now()), Math.max(0, typing.until - Date.now()));
    return () => window.clearTimeout(t);
  }, [typing]);

  return typingVisible(typing, now);
}
