"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

type EmojiSelection = { native: string };

/**
 * The "Emoji" button and emoji-mart's picker (SPEC U1). Both the picker and its data (~400 KB) are
 * loaded only when it is first opened, so the operator app's first load stays small (B5). The vanilla
 * web component is used and appended into our own element; Escape or a click outside closes it and
 * focus goes back to the message.
 */
export function EmojiButton({ onPick, onClose, disabled = false }: { onPick(emoji: string): void; onClose(): void; disabled?: boolean }) {
  const t = useTranslations("conversation.composer");
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const host = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const latest = useRef({ onPick, onClose });
  useEffect(() => {
    latest.current = { onPick, onClose };
  });

  useEffect(() => {
    if (!open) return;
    let live = true;
    const el = host.current;
    const close = () => {
      setOpen(false);
      latest.current.onClose();
    };
    // The picker handles keys inside its shadow root and swallows Escape, so listen before it does.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      e.stopPropagation();
      close();
    };
    document.addEventListener("keydown", onKey, true);
    // The picker's own words (search, categories) in the agent's language, loaded with it.
    const words = import(`@emoji-mart/data/i18n/${locale}.json`);
    Promise.all([import("emoji-mart"), import("@emoji-mart/data"), words]).then(
      ([{ Picker }, data, i18n]) => {
        if (!live || !el) return;
        const picker = new Picker({
          data: data.default,
          i18n: i18n.default,
          locale,
          autoFocus: true,
          previewPosition: "none",
          // The app's theme, which the profile may set against the system's (U11).
          theme: document.documentElement.classList.contains("dark") ? "dark" : "light",
          skinTonePosition: "search",
          onEmojiSelect: (e: EmojiSelection) => {
            latest.current.onPick(e.native);
            close();
          },
          onClickOutside: (e: MouseEvent) => {
            if (!button.current?.contains(e.target as Node)) close();
          },
        });
        el.replaceChildren(picker as unknown as Node);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      document.removeEventListener("keydown", onKey, true);
      el?.replaceChildren();
    };
  }, [open, locale]);

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-label={t("emoji")}
        title={t("emoji")}
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => {
          setFailed(false);
          setOpen((o) => !o);
        }}
        className="rounded p-1.5 text-slate-500 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800 hover:text-slate-700 dark:hover:text-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none disabled:opacity-50"
      >
        <span aria-hidden="true" className="block text-base leading-none">
          ☺
        </span>
      </button>
      {open && !disabled && (
        <div role="dialog" aria-label={t("emojiPicker")} className="absolute bottom-full left-0 z-30 mb-2">
          <div ref={host} />
          {failed && <p className="rounded border border-red-200 dark:border-red-500/30 bg-white dark:bg-slate-900 p-2 text-xs text-red-700 dark:text-red-300">{t("emojiFailed")}</p>}
        </div>
      )}
    </div>
  );
}
