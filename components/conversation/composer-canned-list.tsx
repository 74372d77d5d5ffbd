"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type KeyboardEvent } from "react";
import { api } from "@/components/operator/api";
import { cannedMenuKey, filterCanned, slashQueryAt, type CannedResponse } from "./composer-canned";

/** One fetch per account for the session (the list is small and changes rarely); a failure is retried next time. */
const cache = new Map<number, Promise<CannedResponse[]>>();

function loadCanned(accountId: number): Promise<CannedResponse[]> {
  let pending = cache.get(accountId);
  if (!pending) {
    pending = api<CannedResponse[]>(accountId, "/canned_responses");
    pending.catch(() => cache.delete(accountId));
    cache.set(accountId, pending);
  }
  return pending;
}

/** The account's canned responses, fetched the first time they are `wanted` (the first `/`). */
export function useCannedResponses(accountId: number, wanted: boolean): CannedResponse[] | null {
  const [loaded, setLoaded] = useState<{ accountId: number; list: CannedResponse[] } | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    loadCanned(accountId).then(
      (list) => live && setLoaded({ accountId, list }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [accountId, wanted]);
  return loaded?.accountId === accountId ? loaded.list : null;
}

/**
 * The suggestions for the `/word` under the caret: which are shown, which is active, and the keys
 * that drive them (ArrowUp/Down, Enter or Tab to insert, Escape to close until the next slash).
 */
export function useCannedMenu(accountId: number, text: string, caret: number) {
  const slash = slashQueryAt(text, caret);
  const canned = useCannedResponses(accountId, slash !== null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState({ key: "", index: 0 });
  const shown = slash !== null && slash.start !== dismissedAt && canned !== null;
  const items = shown ? filterCanned(canned, slash.query) : [];
  const key = slash ? `${slash.start}:${slash.query}` : "";
  const activeIndex = active.key === key ? Math.min(active.index, items.length - 1) : 0;

  return {
    slash,
    items,
    /** Open while a `/word` is typed, even with no match (it then says so, and Enter is held: U7). */
    open: shown,
    activeIndex,
    hover: (index: number) => setActive({ key, index }),
    /** After every edit: once the slash word is gone, the next one opens the list again. */
    edited(value: string, caretAt: number) {
      if (!slashQueryAt(value, caretAt)) setDismissedAt(null);
    },
    /** Handles the key if it is the list's (true), else leaves it to the composer. */
    handleKey(e: KeyboardEvent<HTMLTextAreaElement>, pick: (c: CannedResponse) => void): boolean {
      if (!slash || !shown) return false;
      const action = cannedMenuKey(items.length, e.key, { shift: e.shiftKey, composing: e.nativeEvent.isComposing || e.keyCode === 229 });
      if (action === null) return false;
      e.preventDefault();
      if (action === "up" || action === "down") setActive({ key, index: (activeIndex + (action === "down" ? 1 : -1) + items.length) % items.length });
      else if (action === "pick") pick(items[activeIndex]!);
      else if (action === "dismiss") {
        e.stopPropagation();
        setDismissedAt(slash.start);
      }
      return true;
    },
  };
}

export const cannedOptionId = (listId: string, index: number) => `${listId}-option-${index}`;

/**
 * The suggestions under the composer (ARIA combobox pattern: the textarea keeps focus and points at
 * the active option with aria-activedescendant). Mouse-down is prevented so a click never blurs it.
 */
export function CannedList({ id, items, active, onPick, onHover }: { id: string; items: CannedResponse[]; active: number; onPick(c: CannedResponse): void; onHover(index: number): void }) {
  const t = useTranslations("conversation.composer");
  if (items.length === 0) {
    return (
      <p
        role="status"
        id={id}
        className="absolute bottom-full left-0 z-20 mb-1 w-full max-w-xl rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-600 shadow-lg dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300"
      >
        {t("cannedNoMatch")}
      </p>
    );
  }
  return (
    <ul
      id={id}
      role="listbox"
      aria-label={t("canned")}
      className="absolute bottom-full left-0 z-20 mb-1 max-h-64 w-full max-w-xl overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-800"
    >
      {items.map((c, i) => (
        <li
          key={c.id}
          id={cannedOptionId(id, i)}
          role="option"
          aria-selected={i === active}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(c)}
          onMouseEnter={() => onHover(i)}
          className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-brand-50 text-slate-900 dark:bg-brand-500/20 dark:text-slate-100" : "text-slate-700 dark:text-slate-300"}`}
        >
          <span className="font-medium">/{c.short_code}</span>
          <span className="ml-2 truncate text-slate-500 dark:text-slate-400">{c.content.length > 120 ? `${c.content.slice(0, 120)}…` : c.content}</span>
        </li>
      ))}
    </ul>
  );
}
