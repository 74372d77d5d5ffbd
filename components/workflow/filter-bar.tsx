"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { api, ApiRequestError } from "@/components/operator/api";
import { useOperator } from "@/components/operator/operator-context";
import type { SavedView } from "./filter-conditions";

const link = "rounded px-1 text-xs font-medium text-brand-700 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none dark:text-brand-300";

/**
 * In place of the status tabs while a filter decides the list (WF3/WF4): how many conditions, edit,
 * clear; for a saved view also rename (PATCH /custom_filters/:id) and delete (DELETE), which are
 * the owner's only — the API answers 404 to anyone else.
 */
export function FilterBar(props: { count: number; view: SavedView | null; onEdit(): void; onClear(): void; onRenamed(view: SavedView): void; onDeleted(id: number): void }) {
  const { accountId } = useOperator();
  const t = useTranslations("workflow.filter");
  const [renaming, setRenaming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { view } = props;

  const rename = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!view || !renaming?.trim()) return;
    try {
      await api(accountId, `/custom_filters/${view.id}`, { method: "PATCH", json: { name: renaming.trim() } });
      props.onRenamed({ ...view, name: renaming.trim() });
      setRenaming(null);
      setError(null);
    } catch (err) {
      setError(t("error", { reason: err instanceof ApiRequestError ? err.message : String(err) }));
    }
  };
  const remove = async () => {
    if (!view || !window.confirm(t("confirmDelete", { name: view.name }))) return;
    try {
      await api(accountId, `/custom_filters/${view.id}`, { method: "DELETE" });
      props.onDeleted(view.id);
    } catch (err) {
      setError(t("error", { reason: err instanceof ApiRequestError ? err.message : String(err) }));
    }
  };

  return (
    <div className="mt-2 pb-2" data-testid="filter-bar">
      {renaming !== null ? (
        <form onSubmit={rename} className="flex flex-wrap items-center gap-1.5">
          <input
            autoFocus
            aria-label={t("name")}
            value={renaming}
            maxLength={255}
            onChange={(e) => setRenaming(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && setRenaming(null)}
            className="h-7 min-w-0 flex-1 rounded-md border border-slate-200 bg-white px-2 text-xs text-slate-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200"
          />
          <button type="submit" className={link} disabled={!renaming.trim()}>
            {t("saveName")}
          </button>
          <button type="button" className={link} onClick={() => setRenaming(null)}>
            {t("cancel")}
          </button>
        </form>
      ) : (
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="text-xs text-slate-600 dark:text-slate-300">{t("conditions", { count: props.count })}</span>
          <button type="button" className={link} onClick={props.onEdit}>
            {t("edit")}
          </button>
          {view && (
            <>
              <button type="button" className={link} onClick={() => setRenaming(view.name)}>
                {t("rename")}
              </button>
              <button type="button" className={link} onClick={remove}>
                {t("delete")}
              </button>
            </>
          )}
          <button type="button" className={link} onClick={props.onClear}>
            {t("clear")}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
