"use client";

import { useState, type ReactNode } from "react";

/** The id of option `index` of the listbox `listId`, for the textarea's aria-activedescendant. */
export const listboxOptionId = (listId: string, index: number) => `${listId}-option-${index}`;

/**
 * Which option of a suggestion list is active: the first again whenever `key` (the word being
 * completed) changes; the arrows move round the list, the mouse points.
 */
export function useActiveOption(key: string, count: number) {
  const [active, setActive] = useState({ key: "", index: 0 });
  const index = active.key === key ? Math.min(active.index, count - 1) : 0;
  return {
    index,
    hover: (i: number) => setActive({ key, index: i }),
    move: (step: 1 | -1) => setActive({ key, index: (index + step + count) % count }),
  };
}

/**
 * The suggestions above the composer — `@name` mentions in a note, `/word` canned responses — as one
 * ARIA combobox popup: the textarea keeps focus and points at the active option with
 * aria-activedescendant; mouse-down is prevented so a click never blurs it. `width` caps the panel.
 */
export function ComposerListbox<T>({
  id,
  label,
  items,
  active,
  itemKey,
  renderItem,
  onPick,
  onHover,
  width,
}: {
  id: string;
  label: string;
  items: T[];
  active: number;
  itemKey(item: T): string | number;
  renderItem(item: T): ReactNode;
  onPick(item: T): void;
  onHover(index: number): void;
  width: "max-w-sm" | "max-w-xl";
}) {
  return (
    <ul
      id={id}
      role="listbox"
      aria-label={label}
      className={`absolute bottom-full left-0 z-20 mb-1 max-h-64 w-full ${width} overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-800`}
    >
      {items.map((item, i) => (
        <li
          key={itemKey(item)}
          id={listboxOptionId(id, i)}
          role="option"
          aria-selected={i === active}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(item)}
          onMouseEnter={() => onHover(i)}
          className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-brand-50 text-slate-900 dark:bg-brand-500/20 dark:text-slate-100" : "text-slate-700 dark:text-slate-300"}`}
        >
          {renderItem(item)}
        </li>
      ))}
    </ul>
  );
}
