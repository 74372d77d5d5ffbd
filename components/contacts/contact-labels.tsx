"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { api, ApiRequestError } from "@/components/operator/api";

type Label = { id: number; title: string; color: string };

/**
 * A contact's labels (K4): the chosen ones as chips, and a list of the account's labels to tick;
 * each change replaces the set (POST …/contacts/:id/labels) and shows what the server kept.
 */
export function ContactLabels({ accountId, contactId }: { accountId: number; contactId: number }) {
  const t = useTranslations("contacts.labels");
  const apiText = useApiErrorText();
  const [all, setAll] = useState<Label[] | null>(null);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([api<{ payload: Label[] }>(accountId, "/labels", { signal: abort.signal }), api<{ payload: string[] }>(accountId, `/contacts/${contactId}/labels`, { signal: abort.signal })]).then(
      ([labels, mine]) => {
        setAll(labels.payload);
        setChosen(mine.payload);
      },
      () => {
        if (!abort.signal.aborted) setError(t("loadFailed"));
      },
    );
    return () => abort.abort();
  }, [accountId, contactId, t]);

  const toggle = async (title: string) => {
    if (!chosen) return;
    const next = chosen.includes(title) ? chosen.filter((l) => l !== title) : [...chosen, title];
    setChosen(next);
    setError(null);
    try {
      setChosen((await api<{ payload: string[] }>(accountId, `/contacts/${contactId}/labels`, { method: "POST", json: { labels: next } })).payload);
    } catch (err) {
      setChosen(chosen);
      setError(err instanceof ApiRequestError ? apiText(err.message) : t("saveFailed"));
    }
  };

  const colour = (title: string) => all?.find((l) => l.title === title)?.color ?? "#94a3b8";
  return (
    <div>
      <ul aria-label={t("chosen")} className="flex flex-wrap gap-1.5">
        {chosen?.map((l) => (
          <li key={l} className="inline-flex items-center gap-1 rounded-full border border-slate-200 px-2 py-0.5 text-xs text-slate-700 dark:border-slate-600 dark:text-slate-200">
            <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: colour(l) }} />
            {l}
          </li>
        ))}
        {chosen?.length === 0 && <li className="text-sm text-slate-500 dark:text-slate-400">{t("none")}</li>}
        {chosen === null && !error && <li className="text-sm text-slate-400">{t("loading")}</li>}
      </ul>
      {all && chosen && (
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${id}-choices`}
          onClick={() => setOpen(!open)}
          className="mt-2 rounded-md border border-slate-200 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          {open ? t("done") : t("change")}
        </button>
      )}
      {open && all && chosen && (
        <fieldset id={`${id}-choices`} className="mt-2 space-y-1">
          <legend className="sr-only">{t("choose")}</legend>
          {all.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">{t("noneInAccount")}</p>}
          {all.map((l) => (
            <label key={l.id} className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
              <input type="checkbox" checked={chosen.includes(l.title)} onChange={() => void toggle(l.title)} className="h-4 w-4 rounded border-slate-300" />
              <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: l.color }} />
              {l.title}
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
