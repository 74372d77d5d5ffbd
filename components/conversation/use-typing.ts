"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useOperatorEvents } from "@/components/operator/operator-context";
import { isSameConversation } from "./conversation-view";
import { nextExpiry, typingOff, typingOn, typingVisible, type Typing, type Typist } from "./typing-state";

type Json = Record<string, unknown>;

/**
 * Who is typing in this conversation (conversation.typing_on/off): the visitor, and colleagues —
 * so two agents do not answer at once (the server never echoes one's own typing). An indicator
 * clears on typing_off, on that person's message, or 30 s after the last signal (E3).
 */
export function useTyping(conversation: { id: number; inbox_id: number } | null): Typist[] {
  const t = useTranslations("conversation.typing");
  const [typing, setTyping] = useState<Typing>([]);
  const [now, setNow] = useState(() => Date.now());

  useOperatorEvents((e) => {
    if (!conversation) return;
    if (e.type === "message.created") {
      const d = e.data;
      if (d.conversation_id !== conversation.id || d.inbox_id !== conversation.inbox_id) return;
      const kind = d.message_type === 0 ? "contact" : "user";
      setTyping((t) => typingOff(t, `${kind}:${String(d.sender_id)}`));
      return;
    }
    if (e.type !== "conversation.typing_on" && e.type !== "conversation.typing_off") return;
    const c = (e.data.conversation ?? {}) as Json;
    const user = (e.data.user ?? {}) as Json;
    if (!isSameConversation(conversation, c) || (user.type !== "contact" && user.type !== "user")) return;
    const key = `${user.type}:${String(user.id)}`;
    if (e.type === "conversation.typing_off") return setTyping((t) => typingOff(t, key));
    const at = Date.now();
    const name = String(user.available_name || user.name || (user.type === "contact" ? t("visitor") : t("colleague")));
    setNow(at);
    setTyping((t) => typingOn(t, { key, name, note: e.data.is_private === true }, at));
  });

  // One timer for the earliest expiry: when it fires, `now` passes it and that indicator goes.
  useEffect(() => {
    const next = nextExpiry(typing, Date.now());
    if (next === null) return;
    const t = window.setTimeout(() => setNow(Date.now()), Math.max(0, next - Date.now()));
    return () => window.clearTimeout(t);
  }, [typing, now]);

  return typingVisible(typing, now);
}
