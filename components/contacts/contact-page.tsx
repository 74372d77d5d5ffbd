"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { api, ApiRequestError } from "@/components/operator/api";
import { Avatar } from "@/components/ui/avatar";
import { loadContactConversations, type ContactConversationRow } from "./contact-conversations";
import { ContactDetails, useDefinitions } from "./contact-details";
import { ContactLabels } from "./contact-labels";
import type { EditableContact } from "./contact-model";
import { ContactMerge } from "./contact-merge";
import { ContactNotes } from "./contact-notes";

function Card({ title, children, className = "" }: { title: string; children: React.ReactNode; className?: string }) {
  return (
    <section aria-label={title} className={`rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900 ${className}`}>
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{title}</h2>
      {children}
    </section>
  );
}

/**
 * A contact's page (K3, K6): details edited inline, labels, their conversations in the inboxes the
 * agent may see, notes, merging another contact into this one, and (administrators) deleting it.
 */
export function ContactPage({ accountId, contactId, isAdministrator, inboxes }: { accountId: number; contactId: number; isAdministrator: boolean; inboxes: { id: number; name: string }[] }) {
  const t = useTranslations("contacts.page");
  const tStatus = useTranslations("status");
  const apiText = useApiErrorText();
  const locale = useLocale();
  const router = useRouter();
  const [contact, setContact] = useState<EditableContact | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [conversations, setConversations] = useState<ContactConversationRow[] | null>(null);
  const definitions = useDefinitions(accountId, "contact_attribute");
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    api<{ payload: EditableContact }>(accountId, `/contacts/${contactId}`, { signal: abort.signal }).then(
      (res) => setContact(res.payload),
      (err: unknown) => {
        if (!abort.signal.aborted) setError(err instanceof ApiRequestError && err.status === 404 ? t("notFound") : t("loadFailed"));
      },
    );
    loadContactConversations(accountId, contactId, abort.signal).then(setConversations, () => {
      if (!abort.signal.aborted) setConversations([]);
    });
    return () => abort.abort();
  }, [accountId, contactId, reloads, t]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  const [deleting, setDeleting] = useState(false);
  const remove = async () => {
    if (!contact || !window.confirm(t("confirmDelete", { name: contact.name || `#${contact.id}` }))) return;
    setDeleting(true);
    try {
      await api(accountId, `/contacts/${contact.id}`, { method: "DELETE" });
      router.push(`/app/accounts/${accountId}/contacts`);
    } catch (err) {
      setError(err instanceof ApiRequestError ? apiText(err.message) : t("deleteFailed"));
      setDeleting(false);
    }
  };

  if (error && !contact) {
    return (
      <div className="p-8 text-center">
        <p role="alert" className="text-sm text-slate-700 dark:text-slate-200">
          {error}
        </p>
        <Link href={`/app/accounts/${accountId}/contacts`} className="mt-3 inline-block text-sm text-brand-700 underline dark:text-brand-300">
          {t("backToList")}
        </Link>
      </div>
    );
  }
  if (!contact) return <p className="p-8 text-sm text-slate-500 dark:text-slate-400">{t("loading")}</p>;
  const location = [contact.additional_attributes.city, contact.additional_attributes.country].filter((v) => typeof v === "string" && v).join(", ");
  const statusText = (s: string) => (s === "open" || s === "pending" || s === "snoozed" || s === "resolved" ? tStatus(s) : s);

  return (
    <div className="mx-auto max-w-6xl space-y-4 px-4 py-5 sm:px-6">
      <Link href={`/app/accounts/${accountId}/contacts`} className="text-xs text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-100">
        {t("backToList")}
      </Link>
      <header className="flex flex-wrap items-center gap-3">
        <Avatar name={contact.name || "?"} />
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-xl font-semibold text-slate-900 dark:text-slate-50">{contact.name || t("unnamed")}</h1>
          <p className="truncate text-sm text-slate-500 dark:text-slate-400">{[contact.email, contact.phone_number, location].filter(Boolean).join(" · ")}</p>
        </div>
        {isAdministrator && (
          <button
            type="button"
            disabled={deleting}
            onClick={() => void remove()}
            className="rounded-md border border-red-200 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60 dark:border-red-900 dark:text-red-300 dark:hover:bg-red-950"
          >
            {t("delete")}
          </button>
        )}
      </header>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-[22rem_1fr]">
        <div className="space-y-4">
          <Card title={t("details")}>
            <ContactDetails accountId={accountId} contact={contact} definitions={definitions} canEdit onSaved={setContact} />
          </Card>
          <Card title={t("labels")}>
            <ContactLabels accountId={accountId} contactId={contact.id} />
          </Card>
          <Card title={t("merge")}>
            <ContactMerge accountId={accountId} base={contact} onMerged={reload} />
          </Card>
        </div>
        <div className="space-y-4">
          <Card title={t("conversations")}>
            {conversations === null ? (
              <p className="text-sm text-slate-400">{t("loading")}</p>
            ) : conversations.length === 0 ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">{t("noConversations")}</p>
            ) : (
              <ul className="-mx-2 divide-y divide-slate-100 dark:divide-slate-800">
                {conversations.map((c) => (
                  <li key={c.id}>
                    <Link href={`/app/accounts/${accountId}/conversations?conversation=${c.id}&status=all`} className="block rounded-md px-2 py-2 hover:bg-slate-50 dark:hover:bg-slate-800">
                      <span className="flex items-center justify-between gap-2 text-xs text-slate-500 dark:text-slate-400">
                        <span>
                          #{c.id} · {inboxes.find((i) => i.id === c.inbox_id)?.name ?? t("inbox")}
                        </span>
                        <span>
                          {statusText(c.status)} · {c.last_activity_at ? new Date(c.last_activity_at * 1000).toLocaleDateString(locale) : ""}
                        </span>
                      </span>
                      <span className="block truncate text-sm text-slate-800 dark:text-slate-200">{c.preview || t("noMessages")}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t("notes")}>
            <ContactNotes accountId={accountId} contactId={contact.id} />
          </Card>
        </div>
      </div>
    </div>
  );
}
