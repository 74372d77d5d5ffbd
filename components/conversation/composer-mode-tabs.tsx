"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

export type ComposerMode = "reply" | "note";

const TABS: { mode: ComposerMode; shortcut: string }[] = [
  { mode: "reply", shortcut: "Alt+L" },
  { mode: "note", shortcut: "Alt+P" },
];

/** Reply / Private note (SPEC U1, U4): a tab list with arrow keys; the shortcuts live in the composer. */
export function ComposerModeTabs({ mode, panelId, onChange }: { mode: ComposerMode; panelId: string; onChange(mode: ComposerMode): void }) {
  const refs = useRef<Record<ComposerMode, HTMLButtonElement | null>>({ reply: null, note: null });
  const tr = useTranslations("conversation.composer");
  return (
    <div role="tablist" aria-label={tr("tabs")} className="flex gap-1 px-2 pt-1.5">
      {TABS.map((t, i) => {
        const selected = t.mode === mode;
        return (
          <button
            key={t.mode}
            ref={(el) => {
              refs.current[t.mode] = el;
            }}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={panelId}
            aria-keyshortcuts={t.shortcut}
            title={`${tr(t.mode)} (${t.shortcut})`}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(t.mode)}
            onKeyDown={(e) => {
              if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
              e.preventDefault();
              const next = TABS[(i + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length]!;
              onChange(next.mode);
              refs.current[next.mode]?.focus();
            }}
            className={`rounded-md px-2.5 py-1 text-xs font-medium focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none ${
              selected
                ? t.mode === "note"
                  ? "bg-amber-100 dark:bg-amber-500/20 text-amber-900 dark:text-amber-100"
                  : "bg-brand-50 dark:bg-brand-500/15 text-brand-700 dark:text-brand-100"
                : "text-slate-500 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800 hover:text-slate-700 dark:hover:text-slate-100"
            }`}
          >
            {tr(t.mode)}
          </button>
        );
      })}
    </div>
  );
}

/** U4: Alt+L reply, Alt+P private note, from anywhere on the page while the composer is mounted. */
export function useModeShortcuts(onMode: (mode: ComposerMode) => void): void {
  const latest = useRef(onMode);
  useEffect(() => {
    latest.current = onMode;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      // By physical key: on a Mac, Alt+P types "π".
      const mode = e.code === "KeyL" ? "reply" : e.code === "KeyP" ? "note" : null;
      if (!mode) return;
      e.preventDefault();
      latest.current(mode);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
