"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type KeyboardEvent } from "react";
import { api } from "@/components/operator/api";
import { ComposerListbox, useActiveOption } from "./composer-listbox";
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
  const shown = slash !== null && slash.start !== dismissedAt && canned !== null;
  const items = shown ? filterCanned(canned, slash.query) : [];
  const active = useActiveOption(slash ? `${slash.start}:${slash.query}` : "", items.length);

  return {
    slash,
    items,
    /** Open while a `/word` is typed, even with no match (it then says so, and Enter is held: U7). */
    open: shown,
    activeIndex: active.index,
    hover: active.hover,
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
      if (action === "up" || action === "down") active.move(action === "down" ? 1 : -1);
      else if (action === "pick") pick(items[active.index]!);
      else if (action === "dismiss") {
        e.stopPropagation();
        setDismissedAt(slash.start);
      }
      return true;
    },
  };
}

/** The canned responses for the `/word` under the caret; with no match it says so (U7). */
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
    <ComposerListbox
      id={id}
      label={t("canned")}
      items={items}
      active={active}
      itemKey={(c) => c.id}
      renderItem={(c) => (
        <>
          <span className="font-medium">/{c.short_code}</span>
          <span className="ml-2 truncate text-slate-500 dark:text-slate-400">{c.content.length > 120 ? `${c.content.slice(0, 120)}…` : c.content}</span>
        </>
      )}
      onPick={onPick}
      onHover={onHover}
      width="max-w-xl"
    />
  );
}
