"use client";

import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

/**
 * A button that opens a menu (WAI-ARIA menu button): Enter/Space/ArrowDown open it with the first
 * item focused (or the checked one), arrows move, Escape closes back to the button, a click
 * outside closes it. `children` gets `close` so an item can close the menu after acting.
 */
export function MenuButton({
  label,
  title,
  button,
  children,
  align = "right",
  buttonClassName = "",
}: {
  /** The button's accessible name (and the menu's). */
  label: string;
  title?: string;
  button: ReactNode;
  children: (close: () => void) => ReactNode;
  align?: "left" | "right";
  buttonClassName?: string;
}) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const buttonId = useId();
  // By id, not the ref: `close` is handed to children during render.
  const close = useCallback(() => {
    setOpen(false);
    document.getElementById(buttonId)?.focus();
  }, [buttonId]);

  useEffect(() => {
    if (!open) return;
    const items = menuRef.current?.querySelectorAll<HTMLElement>("[data-menu-item]");
    const checked = menuRef.current?.querySelector<HTMLElement>('[data-menu-item][aria-checked="true"]');
    const first = menuRef.current?.querySelector<HTMLElement>("[data-menu-autofocus]") ?? checked ?? items?.[0];
    first?.focus();
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>("[data-menu-item]") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if ((e.key === "Home" || e.key === "End") && !(e.target instanceof HTMLInputElement)) {
      e.preventDefault();
      (e.key === "Home" ? items[0] : items.at(-1))?.focus();
    } else if (e.key === "Tab") setOpen(false);
  };

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        aria-label={label}
        title={title ?? label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          } else if (e.key === "Escape" && open) {
            // A menu with nothing to focus yet (macros still loading, none at all) leaves the focus here.
            e.preventDefault();
            e.stopPropagation();
            setOpen(false);
          }
        }}
        className={`inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-2.5 text-sm text-slate-700 dark:text-slate-300 hover:bg-slate-50 dark:hover:bg-slate-800 ${buttonClassName}`}
      >
        {button}
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKey}
          className={`absolute top-9 z-30 min-w-48 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-1 shadow-lg ${align === "right" ? "right-0" : "left-0"}`}
        >
          {children(close)}
        </div>
      )}
    </div>
  );
}

/** One entry of a MenuButton's menu; `checked` makes it a radio item. */
export function MenuItem({ onSelect, checked, children }: { onSelect: () => void; checked?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      role={checked === undefined ? "menuitem" : "menuitemradio"}
      aria-checked={checked}
      data-menu-item=""
      tabIndex={-1}
      onClick={onSelect}
      className="flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800 focus:bg-slate-100 dark:focus:bg-slate-800 aria-checked:font-semibold"
    >
      {children}
    </button>
  );
}
