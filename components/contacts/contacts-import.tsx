"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { api, ApiRequestError } from "@/components/operator/api";

type RowError = { row: number; field: string; messages: string[] };
type Outcome = { kind: "done"; imported: number } | { kind: "refused"; message: string; rows: RowError[] };

/**
 * CSV import (K6, administrators): the file goes as multipart `import_file`; the server checks every
 * row and imports all or nothing, so a refusal lists each bad row's line, column and reason.
 */
export function ContactsImport({ accountId, onImported }: { accountId: number; onImported(): void }) {
  const t = useTranslations("contacts.import");
  const apiText = useApiErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const id = useId();

  const send = async () => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    const form = new FormData();
    form.append("import_file", file);
    try {
      const res = await api<{ imported: number }>(accountId, "/contacts/import", { method: "POST", form });
      setOutcome({ kind: "done", imported: res.imported });
      onImported();
    } catch (err) {
      const e = err instanceof ApiRequestError ? err : null;
      const message = e ? (e.fields.import_file ?? [e.message]).map(apiText).join(" ") : t("failed");
      setOutcome({ kind: "refused", message, rows: Array.isArray(e?.details.rows) ? (e.details.rows as RowError[]) : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label={t("label")}
      className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <p className="text-slate-600 dark:text-slate-300">{t("help")}</p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-file`} className="sr-only">
          {t("file")}
        </label>
        <input id={`${id}-file`} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} className="text-sm text-slate-700 dark:text-slate-200" />
        <button type="submit" disabled={!file || busy} className="rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {busy ? t("importing") : t("submit")}
        </button>
      </div>
      {outcome?.kind === "done" && (
        <p role="status" className="text-emerald-700 dark:text-emerald-400">
          {t("imported", { count: outcome.imported })}
        </p>
      )}
      {outcome?.kind === "refused" && (
        <div role="alert" className="space-y-1 text-red-800 dark:text-red-300">
          <p className="font-medium">{outcome.message}</p>
          {outcome.rows.length > 0 && (
            <table className="text-xs">
              <caption className="sr-only">{t("rowErrors")}</caption>
              <thead>
                <tr className="text-left">
                  <th className="pr-3 font-semibold">{t("line")}</th>
                  <th className="pr-3 font-semibold">{t("column")}</th>
                  <th className="font-semibold">{t("problem")}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.rows.map((r, i) => (
                  <tr key={i}>
                    <td className="pr-3 tabular-nums">{r.row}</td>
                    <td className="pr-3">{r.field}</td>
                    <td>{r.messages.map(apiText).join("; ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </form>
  );
}
