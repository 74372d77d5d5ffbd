"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { api } from "@/components/operator/api";
import { useOperator } from "@/components/operator/operator-context";
import { ComposerListbox, useActiveOption } from "./composer-listbox";
import { atQueryAt, filterCandidates, type AtQuery, type MentionCandidate } from "./composer-mention";

type Agent = { id: number; name: string; available_name?: string };

/**
 * Who may be mentioned in a conversation of `inboxId` (NT5): the inbox's members and the account's
 * administrators — the agents who can see it. Fetched the first time an `@` is typed in a note.
 */
function useCandidates(accountId: number, inboxId: number, wanted: boolean): MentionCandidate[] | null {
  const { agents, me } = useOperator();
  const [members, setMembers] = useState<{ inboxId: number; list: Agent[] } | null>(null);
  useEffect(() => {
    if (!wanted || members?.inboxId === inboxId) return;
    let live = true;
    api<{ payload: Agent[] }>(accountId, `/inbox_members/${inboxId}`).then(
      (r) => live && setMembers({ inboxId, list: r.payload }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [accountId, inboxId, wanted, members?.inboxId]);
  return useMemo(() => {
    if (members?.inboxId !== inboxId) return null;
    const byId = new Map<number, MentionCandidate>();
    for (const a of agents) if (a.role === "administrator") byId.set(a.id, { id: a.id, name: a.name });
    for (const m of members.list) byId.set(m.id, { id: m.id, name: m.available_name || m.name });
    byId.delete(me.id);
    return [...byId.values()];
  }, [members, inboxId, agents, me.id]);
}

/** The `@name` suggestions of a private note: which are shown, which is active, and the keys that drive them. */
export function useMentionMenu(accountId: number, inboxId: number, text: string, caret: number, enabled: boolean) {
  const at = enabled ? atQueryAt(text, caret) : null;
  const candidates = useCandidates(accountId, inboxId, at !== null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const items = at && at.start !== dismissedAt && candidates ? filterCandidates(candidates, at.query) : [];
  const active = useActiveOption(at ? `${at.start}:${at.query}` : "", items.length);
  return {
    at: at as AtQuery | null,
    items,
    open: items.length > 0,
    activeIndex: active.index,
    hover: active.hover,
    edited(value: string, caretAt: number) {
      if (!atQueryAt(value, caretAt)) setDismissedAt(null);
    },
    handleKey(e: KeyboardEvent<HTMLTextAreaElement>, pick: (c: MentionCandidate) => void): boolean {
      if (!at || items.length === 0) return false;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        active.move(e.key === "ArrowDown" ? 1 : -1);
        return true;
      }
      if ((e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) || e.key === "Tab") {
        e.preventDefault();
        pick(items[active.index]!);
        return true;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        setDismissedAt(at.start);
        return true;
      }
      return false;
    },
  };
}

/** The picker above a note (NT5). */
export function MentionList({ id, items, active, onPick, onHover }: { id: string; items: MentionCandidate[]; active: number; onPick(c: MentionCandidate): void; onHover(index: number): void }) {
  const t = useTranslations("notify.mentions");
  return <ComposerListbox id={id} label={t("picker")} items={items} active={active} itemKey={(c) => c.id} renderItem={(c) => `@${c.name}`} onPick={onPick} onHover={onHover} width="max-w-sm" />;
}
