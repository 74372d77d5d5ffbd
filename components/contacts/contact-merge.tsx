"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { api, ApiRequestError } from "@/components/operator/api";
import type { EditableContact } from "./contact-model";

/**
 * Merge (K6): find another contact, confirm, and POST actions/contact_merge with this contact as the
 * base — the other one's conversations, notes and labels move here and it is deleted.
 */
export function ContactMerge({ accountId, base, onMerged }: { accountId: number; base: EditableContact; onMerged(): void }) {
  const t = useTranslations("contacts.merge");
  const apiText = useApiErrorText();
  const [q, setQ] = useState("");
  const [found, setFound] = useState<EditableContact[]>([]);
  const [picked, setPicked] = useState<EditableContact | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();

  useEffect(() => {
    const term = q.trim();
    if (!term) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api<{ payload: EditableContact[] }>(accountId, `/contacts/search?q=${encodeURIComponent(term)}&include_contact_inboxes=false`, { signal: abort.signal }).then(
        (res) => setFound(res.payload.filter((c) => c.id !== base.id).slice(0, 8)),
        () => undefined,
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [accountId, q, base.id]);

  const label = (c: EditableContact) => [c.name || `#${c.id}`, c.email, c.phone_number].filter(Boolean).join(" · ");
  const merge = async () => {
    if (!picked || !window.confirm(t("confirm", { mergee: picked.name || `#${picked.id}`, base: base.name || `#${base.id}` }))) return;
    setBusy(true);
    setMessage(null);
    try {
      await api(accountId, "/actions/contact_merge", { method: "POST", json: { base_contact_id: base.id, mergee_contact_id: picked.id } });
      setMessage({ ok: true, text: t("merged", { name: picked.name || `#${picked.id}` }) });
      setPicked(null);
      setQ("");
      setFound([]);
      onMerged();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiRequestError ? apiText(err.message) : t("failed") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-2 text-sm">
      <p className="text-slate-600 dark:text-slate-300">{t("help")}</p>
      <label htmlFor={`${id}-q`} className="sr-only">
        {t("find")}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setPicked(null);
          if (!e.target.value.trim()) setFound([]);
        }}
        placeholder={t("find")}
        className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
      />
      {found.length > 0 && !picked && (
        <ul aria-label={t("candidates")} className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700">
          {found.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => setPicked(c)} className="block w-full truncate px-2.5 py-1.5 text-left hover:bg-slate-50 dark:text-slate-200 dark:hover:bg-slate-800">
                {label(c)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {picked && (
        <div className="rounded-md bg-slate-50 p-2.5 dark:bg-slate-800">
          <p className="text-slate-800 dark:text-slate-100">{t("picked", { name: label(picked) })}</p>
          <div className="mt-2 flex gap-2">
            <button type="button" disabled={busy} onClick={() => void merge()} className="rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
              {busy ? t("merging") : t("submit")}
            </button>
            <button type="button" onClick={() => setPicked(null)} className="rounded-md px-2 py-1 text-sm text-slate-600 dark:text-slate-300">
              {t("cancel")}
            </button>
          </div>
        </div>
      )}
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
          {message.text}
        </p>
      )}
    </div>
  );
}
