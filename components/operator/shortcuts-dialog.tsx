"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";

const SHORTCUTS = [
  [["Alt", "J"], "previous"],
  [["Alt", "K"], "next"],
  [["Alt", "E"], "resolve"],
  [["Alt", "P"], "note"],
  [["Alt", "L"], "reply"],
  [["Alt", "O"], "panel"],
  [["?"], "helpOutside"],
  [["Ctrl", "/"], "helpAnywhere"],
  [["Esc"], "closeDialog"],
] as const;

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");

/** U4: ? (outside text fields) or Ctrl+/ (anywhere) opens the shortcut help; the dialog closes it. */
export function useShortcutHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const question = e.key === "?" && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      const ctrlSlash = e.ctrlKey && !e.altKey && (e.key === "/" || e.code === "Slash");
      if (!question && !ctrlSlash) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const close = useCallback(() => setOpen(false), []);
  return { open, close };
}

/**
 * The shortcut help (SPEC U4): a modal <dialog>, so focus stays inside and Escape closes it; focus
 * goes back to where it was.
 */
export function ShortcutsDialog(props: { open: boolean; onClose(): void }) {
  const t = useTranslations("operator.shortcuts");
  const tc = useTranslations("common");
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!props.open && dialog.open) {
      dialog.close();
    }
  }, [props.open]);
  const { onClose } = props;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const closed = () => {
      onClose();
      returnTo.current?.focus();
      returnTo.current = null;
    };
    dialog.addEventListener("close", closed);
    return () => dialog.removeEventListener("close", closed);
  }, [onClose]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="shortcuts-title"
      className="m-auto w-[26rem] max-w-[calc(100vw-2rem)] rounded-xl p-0 text-slate-900 dark:text-slate-100 shadow-xl backdrop:bg-slate-900/40"
      onClick={(e) => e.target === ref.current && ref.current?.close()}
    >
      <div className="p-5">
        <div className="flex items-center">
          <h2 id="shortcuts-title" className="text-base font-semibold">
            {t("title")}
          </h2>
          <button
            type="button"
            onClick={() => ref.current?.close()}
            className="ml-auto rounded px-2 py-1 text-sm text-slate-500 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800"
            aria-label={tc("close")}
          >
            ✕
          </button>
        </div>
        <dl className="mt-4 space-y-2">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={what} className="flex items-center justify-between gap-4 text-sm">
              <dt className="text-slate-600 dark:text-slate-400">{t(what)}</dt>
              <dd className="flex shrink-0 gap-1">
                {keys.map((k) => (
                  <kbd key={k} className="rounded border border-slate-300 dark:border-slate-600 bg-slate-50 dark:bg-slate-950 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:text-slate-300">
                    {k}
                  </kbd>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </dialog>
  );
}
