"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useState } from "react";
import { loadContactConversations, type ContactConversationRow } from "@/components/contacts/contact-conversations";
import { ContactDetails, useDefinitions } from "@/components/contacts/contact-details";
import { ContactLabels } from "@/components/contacts/contact-labels";
import type { EditableContact } from "@/components/contacts/contact-model";
import { useOperator } from "@/components/operator/operator-context";
import { Avatar } from "@/components/ui/avatar";
import { ConversationAttributes } from "./conversation-attributes";
import type { ConversationView } from "./conversation-view";
import { safeHref } from "./safe-url";
import { visitDetails } from "./visit-details";

function text(v: unknown): string | null {
  if (v === null || v === undefined || v === "") return null;
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** A browser language tag ("ru-RU") as the viewer reads it ("русский (Россия)"), through Intl. */
function languageName(tag: string | null, locale: string): string | null {
  if (!tag) return null;
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

function Field({ label, value, href }: { label: string; value: string | null; href?: string | null }) {
  if (!value) return null;
  return (
    <div className="py-1.5">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="break-words text-sm text-slate-800 dark:text-slate-200">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 dark:text-brand-100 underline decoration-1 underline-offset-2">
            {value}
          </a>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="border-t border-slate-200 dark:border-slate-700 px-4 py-3">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

/** SPEC U1: who the visitor is, where they came from, and their earlier conversations. */
export function ContactPanel({ view, onClose }: { view: ConversationView; onClose: () => void }) {
  const { accountId, inboxes, selectConversation } = useOperator();
  // K3: edits show at once; the conversation's own copy of the contact catches up from the stream.
  const [edited, setEdited] = useState<EditableContact | null>(null);
  const c = edited && edited.id === view.contact.id ? { ...view.contact, ...edited } : view.contact;
  const contactDefinitions = useDefinitions(accountId, "contact_attribute");
  const conversationDefinitions = useDefinitions(accountId, "conversation_attribute");
  const [previous, setPrevious] = useState<ContactConversationRow[] | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    loadContactConversations(accountId, c.id, abort.signal).then(setPrevious, () => {
      if (!abort.signal.aborted) setPrevious([]);
    });
    return () => abort.abort();
  }, [accountId, c.id, view.id]);

  const t = useTranslations("conversation.contact");
  const tStatus = useTranslations("conversation.status");
  const locale = useLocale();
  const visit = visitDetails(view.additional_attributes);
  const location = [text(c.additional_attributes.city), text(c.additional_attributes.country)].filter(Boolean).join(", ") || text(c.additional_attributes.location);
  const others = (previous ?? []).filter((p) => p.id !== view.id);
  const statusText = (s: string) => (s === "open" || s === "pending" || s === "snoozed" || s === "resolved" ? tStatus(s) : s);

  return (
    <aside
      id="contact-panel"
      aria-label={t("label")}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
      className="absolute inset-y-0 right-0 z-20 flex w-80 shrink-0 flex-col overflow-y-auto border-l border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-xl xl:static xl:shadow-none"
    >
      <div className="flex items-start gap-3 px-4 py-4">
        <Avatar name={c.name || t("visitor")} />
        <div className="min-w-0 flex-1">
          <p className="truncate font-semibold text-slate-900 dark:text-slate-100">{c.name || t("visitor")}</p>
          {location && <p className="truncate text-xs text-slate-500 dark:text-slate-400">{location}</p>}
        </div>
        <button type="button" onClick={onClose} aria-label={t("close")} className="rounded-md px-1.5 text-slate-500 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800">
          ×
        </button>
      </div>

      <Section title={t("details")}>
        <ContactDetails accountId={accountId} contact={c} definitions={contactDefinitions} canEdit onSaved={setEdited} />
        <dl>
          <Field label={t("unverifiedIdentifier")} value={c.unverified_identifier} />
        </dl>
        <Link href={`/app/accounts/${accountId}/contacts/${c.id}`} className="mt-1 inline-block text-xs text-brand-700 underline underline-offset-2 dark:text-brand-300">
          {t("openContact")}
        </Link>
      </Section>

      <Section title={t("labels")}>
        <ContactLabels accountId={accountId} contactId={c.id} />
      </Section>

      <Section title={t("visit")}>
        <dl>
          <Field label={t("page")} value={visit.page} href={safeHref(visit.page)} />
          <Field label={t("browser")} value={visit.browser} />
          <Field label={t("os")} value={visit.os} />
          <Field label={t("language")} value={languageName(visit.language, locale)} />
          <Field label={t("ip")} value={visit.ip} />
          <Field label={t("started")} value={visit.startedAt?.toLocaleString(locale) ?? null} />
        </dl>
        {Object.values(visit).every((v) => !v) && <p className="text-sm text-slate-500 dark:text-slate-400">{t("noVisit")}</p>}
      </Section>

      <Section title={t("attributes")}>
        <ConversationAttributes accountId={accountId} conversationId={view.id} values={view.custom_attributes} definitions={conversationDefinitions} />
      </Section>

      <Section title={t("previous")}>
        {previous === null ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("loading")}</p>
        ) : others.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("none")}</p>
        ) : (
          <ul className="-mx-2">
            {others.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  onClick={() => selectConversation(p.id)}
                  className="w-full rounded-md px-2 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                  aria-label={t("previousLabel", { id: p.id, status: statusText(p.status) })}
                >
                  <span className="flex items-center justify-between gap-2 text-xs text-slate-500 dark:text-slate-400">
                    <span>
                      #{p.id} · {inboxes.find((i) => i.id === p.inbox_id)?.name ?? t("inbox")}
                    </span>
                    <span>{statusText(p.status)}</span>
                  </span>
                  <span className="block truncate text-sm text-slate-700 dark:text-slate-300">{p.preview || t("noMessages")}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </aside>
  );
}
