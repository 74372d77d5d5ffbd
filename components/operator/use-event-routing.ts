"use client";

import { useTranslations } from "next-intl";
import { useEffect, type Dispatch, type SetStateAction } from "react";
import type { Availability, OperatorAgent, OperatorEvent } from "./operator-context";

/** Events that can move a view's or an inbox's count. */
const COUNTED = new Set(["conversation.created", "conversation.status_changed", "conversation.updated", "conversation.read", "assignee.changed", "message.created"]);

/**
 * Where each event of the operator stream goes in the shell (SPEC U3): the list applies it, counts
 * are re-read when it can move them, presence updates the agents, and an incoming public message
 * alerts a hidden tab. The pane subscribes on its own (operator-context.tsx).
 */
export function useEventRouting(opts: {
  subscribe(listener: (e: OperatorEvent) => void): () => void;
  applyToList(e: OperatorEvent): void;
  refreshCounts(): void;
  setAgents: Dispatch<SetStateAction<OperatorAgent[]>>;
  alert(title: string, body: string, onOpen: () => void): void;
  selectConversation(id: number | null): void;
}): void {
  const t = useTranslations("operator");
  const { subscribe, applyToList, refreshCounts, setAgents, alert, selectConversation } = opts;
  useEffect(
    () =>
      subscribe((e: OperatorEvent) => {
        applyToList(e);
        if (COUNTED.has(e.type)) refreshCounts();
        if (e.type === "presence.update") {
          const users = (e.data.users ?? {}) as Record<string, Availability>;
          setAgents((list) => list.map((a) => (users[a.id] ? { ...a, availability: users[a.id]! } : a)));
        }
        if (e.type === "message.created" && e.data.message_type === 0 && e.data.private !== true) {
          const sender = (e.data.sender ?? {}) as { name?: string };
          const id = e.data.conversation_id;
          alert(sender.name ?? t("newMessage"), typeof e.data.content === "string" ? e.data.content : t("sentAttachment"), () => typeof id === "number" && selectConversation(id));
        }
      }),
    [subscribe, applyToList, refreshCounts, setAgents, alert, selectConversation, t],
  );
}
