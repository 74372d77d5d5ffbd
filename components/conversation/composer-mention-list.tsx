"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { api } from "@/components/operator/api";
import { useOperator } from "@/components/operator/operator-context";
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
  const [active, setActive] = useState({ key: "", index: 0 });
  const items = at && at.start !== dismissedAt && candidates ? filterCandidates(candidates, at.query) : [];
  const key = at ? `${at.start}:${at.query}` : "";
  const activeIndex = active.key === key ? Math.min(active.index, items.length - 1) : 0;
  return {
    at: at as AtQuery | null,
    items,
    open: items.length > 0,
    activeIndex,
    hover: (index: number) => setActive({ key, index }),
    edited(value: string, caretAt: number) {
      if (!atQueryAt(value, caretAt)) setDismissedAt(null);
    },
    handleKey(e: KeyboardEvent<HTMLTextAreaElement>, pick: (c: MentionCandidate) => void): boolean {
      if (!at || items.length === 0) return false;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive({ key, index: (activeIndex + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length });
        return true;
      }
      if ((e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) || e.key === "Tab") {
        e.preventDefault();
        pick(items[activeIndex]!);
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

export const mentionOptionId = (listId: string, index: number) => `${listId}-mention-${index}`;

/** The picker above a note (ARIA combobox: the textarea keeps focus; mouse-down never blurs it). */
export function MentionList({ id, items, active, onPick, onHover }: { id: string; items: MentionCandidate[]; active: number; onPick(c: MentionCandidate): void; onHover(index: number): void }) {
  const t = useTranslations("notify.mentions");
  return (
    <ul
      id={id}
      role="listbox"
      aria-label={t("picker")}
      className="absolute bottom-full left-0 z-20 mb-1 max-h-64 w-full max-w-sm overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-800"
    >
      {items.map((c, i) => (
        <li
          key={c.id}
          id={mentionOptionId(id, i)}
          role="option"
          aria-selected={i === active}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(c)}
          onMouseEnter={() => onHover(i)}
          className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-brand-50 text-slate-900 dark:bg-slate-700 dark:text-white" : "text-slate-700 dark:text-slate-200"}`}
        >
          @{c.name}
        </li>
      ))}
    </ul>
  );
}
