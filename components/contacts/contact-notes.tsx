"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { api, ApiRequestError } from "@/components/operator/api";

type Note = { id: number; content: string; user?: { id: number; available_name?: string; name?: string }; created_at: number; updated_at: number };

/** Notes on the contact (Chatwoot's /contacts/:id/notes): add, edit and delete, newest first. */
export function ContactNotes({ accountId, contactId }: { accountId: number; contactId: number }) {
  const t = useTranslations("contacts.notes");
  const apiText = useApiErrorText();
  const locale = useLocale();
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const base = `/contacts/${contactId}/notes`;

  useEffect(() => {
    const abort = new AbortController();
    api<Note[]>(accountId, base, { signal: abort.signal }).then(setNotes, () => {
      if (!abort.signal.aborted) setNotes([]);
    });
    return () => abort.abort();
  }, [accountId, base]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err instanceof ApiRequestError ? apiText(err.fields.content?.[0] ? `${t("content")} ${err.fields.content[0]}` : err.message) : t("failed"));
    } finally {
      setBusy(false);
    }
  };
  const add = () =>
    run(async () => {
      const note = await api<Note>(accountId, base, { method: "POST", json: { content: draft } });
      setNotes((n) => [note, ...(n ?? [])]);
      setDraft("");
    });
  const save = (noteId: number, content: string) =>
    run(async () => {
      const note = await api<Note>(accountId, `${base}/${noteId}`, { method: "PATCH", json: { content } });
      setNotes((n) => (n ?? []).map((x) => (x.id === noteId ? note : x)));
      setEditing(null);
    });
  const remove = (noteId: number) =>
    run(async () => {
      if (!window.confirm(t("confirmDelete"))) return;
      await api(accountId, `${base}/${noteId}`, { method: "DELETE" });
      setNotes((n) => (n ?? []).filter((x) => x.id !== noteId));
    });
  const area = "w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100";

  return (
    <div className="space-y-3">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
        className="space-y-2"
      >
        <label htmlFor={`${id}-new`} className="sr-only">
          {t("new")}
        </label>
        <textarea id={`${id}-new`} rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t("placeholder")} className={area} />
        <button type="submit" disabled={busy || !draft.trim()} className="rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {t("add")}
        </button>
      </form>
      {error && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {notes === null ? (
        <p className="text-sm text-slate-400">{t("loading")}</p>
      ) : notes.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("none")}</p>
      ) : (
        <ul aria-label={t("list")} className="space-y-2">
          {notes.map((n) => (
            <li key={n.id} className="rounded-md bg-amber-50 p-2.5 text-sm ring-1 ring-amber-200 dark:bg-amber-500/10 dark:ring-amber-500/30">
              {editing?.id === n.id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void save(n.id, editing.text);
                  }}
                  className="space-y-2"
                >
                  <textarea aria-label={t("editLabel")} rows={3} value={editing.text} onChange={(e) => setEditing({ id: n.id, text: e.target.value })} className={area} />
                  <div className="flex gap-2">
                    <button type="submit" disabled={busy} className="rounded-md bg-brand-600 px-2.5 py-1 text-xs font-medium text-white">
                      {t("save")}
                    </button>
                    <button type="button" onClick={() => setEditing(null)} className="rounded-md px-2 py-1 text-xs text-slate-600 dark:text-slate-300">
                      {t("cancel")}
                    </button>
                  </div>
                </form>
              ) : (
                <>
                  <p className="break-words whitespace-pre-wrap text-slate-900 dark:text-amber-50">{n.content}</p>
                  <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
                    <span>
                      {n.user?.available_name ?? n.user?.name ?? t("someone")} · {new Date(n.created_at * 1000).toLocaleString(locale)}
                    </span>
                    <button type="button" onClick={() => setEditing({ id: n.id, text: n.content })} className="underline">
                      {t("edit")}
                    </button>
                    <button type="button" onClick={() => void remove(n.id)} className="text-red-700 underline dark:text-red-400">
                      {t("delete")}
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
