"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { buttonClass } from "./form-parts";

/** Read-only text with a Copy button (clipboard API, "Copied" feedback); `secret` hides it until asked. */
export function CopyBox({ label, text, secret = false, rows }: { label: string; text: string; secret?: boolean; rows?: number }) {
  const t = useTranslations("settings.copy");
  const [copied, setCopied] = useState(false);
  const [shown, setShown] = useState(!secret);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="space-y-2">
      {rows ? (
        <textarea
          aria-label={label}
          readOnly
          value={text}
          rows={rows}
          className="block w-full resize-none rounded-md border border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-950 px-3 py-2 font-mono text-xs text-slate-800 dark:text-slate-200"
        />
      ) : (
        <input
          aria-label={label}
          readOnly
          value={shown ? text : "•".repeat(24)}
          className="block w-full max-w-md rounded-md border border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-950 px-3 py-1.5 font-mono text-sm text-slate-800 dark:text-slate-200"
        />
      )}
      <div className="flex items-center gap-2">
        <button type="button" onClick={copy} className={buttonClass("secondary")}>
          {copied ? t("copied") : t("copy")}
        </button>
        {secret && (
          <button type="button" onClick={() => setShown((s) => !s)} className={buttonClass("secondary")}>
            {shown ? t("hide") : t("show")}
          </button>
        )}
        <span role="status" className="text-xs text-emerald-700 dark:text-emerald-300">
          {copied ? t("copiedToClipboard") : ""}
        </span>
      </div>
    </div>
  );
}
