"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { api, ApiRequestError } from "@/components/operator/api";
import { attributeInput, attributeValue, standardPatch, standardValue, type AttributeDefinition, type AttributeType, type EditableContact, type StandardField } from "./contact-model";

type Taken = Record<string, { id: number; name: string }>;
export type SaveProblem = { message: string; takenBy: { id: number; name: string } | null };

/** PUTs one change and answers the saved contact, or the problem with the field (K3). */
export function useContactSave(accountId: number, contactId: number, onSaved: (c: EditableContact) => void) {
  const apiText = useApiErrorText();
  const t = useTranslations("contacts.edit");
  return async (patch: Record<string, unknown>, field: string): Promise<SaveProblem | null> => {
    try {
      const res = await api<{ payload: EditableContact }>(accountId, `/contacts/${contactId}`, { method: "PUT", json: patch });
      onSaved(res.payload);
      return null;
    } catch (err) {
      if (!(err instanceof ApiRequestError)) return { message: t("failed"), takenBy: null };
      const takenBy = ((err.details.taken_by ?? {}) as Taken)[field] ?? null;
      const own = err.fields[field] ?? Object.entries(err.fields).find(([k]) => k.startsWith(`${field}.`) || k.endsWith(`.${field}`))?.[1];
      const text = own?.length ? own.map(apiText).join("; ") : apiText(err.message);
      return { message: text, takenBy };
    }
  };
}

function Problem({ problem, accountId, id }: { problem: SaveProblem; accountId: number; id: string }) {
  const t = useTranslations("contacts.edit");
  return (
    <p id={id} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
      {problem.message}
      {problem.takenBy && (
        <>
          {" "}
          {t.rich("takenBy", {
            name: problem.takenBy.name || `#${problem.takenBy.id}`,
            link: (chunks) => (
              <Link href={`/app/accounts/${accountId}/contacts/${problem.takenBy!.id}`} className="font-medium underline">
                {chunks}
              </Link>
            ),
          })}
        </>
      )}
    </p>
  );
}

/**
 * One value shown as text with an edit button; editing shows an input: Enter or Save stores it,
 * Esc or Cancel puts it back. A refused value keeps the input open with the API's reason under it.
 */
export function InlineField(props: {
  label: string;
  value: string;
  accountId: number;
  type?: "text" | "email" | "tel" | "number" | "date" | "url";
  options?: string[];
  placeholder?: string;
  canEdit: boolean;
  href?: string | null;
  onSave(value: string): Promise<SaveProblem | null>;
}) {
  const t = useTranslations("contacts.edit");
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(props.value);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const id = useId();
  const input = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing) input.current?.focus();
    else if (wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const start = () => {
    setDraft(props.value);
    setProblem(null);
    setEditing(true);
  };
  const save = async () => {
    if (draft.trim() === props.value.trim()) return setEditing(false);
    setBusy(true);
    const p = await props.onSave(draft);
    setBusy(false);
    setProblem(p);
    if (!p) setEditing(false);
  };
  const inputClass = "w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100";

  return (
    <div className="group py-1.5">
      <dt className="text-xs text-slate-500 dark:text-slate-400">
        <label htmlFor={`${id}-input`}>{props.label}</label>
      </dt>
      <dd className="text-sm text-slate-800 dark:text-slate-200">
        {editing ? (
          <form
            className="flex items-center gap-1.5"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.stopPropagation();
                setEditing(false);
                setProblem(null);
              }
            }}
          >
            {props.options ? (
              <select
                id={`${id}-input`}
                ref={input}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                className={inputClass}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-problem` : undefined}
              >
                <option value="">{t("none")}</option>
                {props.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`${id}-input`}
                ref={input}
                type={props.type ?? "text"}
                value={draft}
                placeholder={props.placeholder}
                onChange={(e) => setDraft(e.target.value)}
                className={inputClass}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-problem` : undefined}
              />
            )}
            <button type="submit" disabled={busy} className="shrink-0 rounded-md bg-brand-600 px-2 py-1 text-xs font-medium text-white hover:bg-brand-700 disabled:opacity-60">
              {busy ? t("saving") : t("save")}
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setProblem(null);
              }}
              className="shrink-0 rounded-md px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-700"
            >
              {t("cancel")}
            </button>
          </form>
        ) : (
          <div className="flex items-start justify-between gap-2">
            <span className={`min-w-0 break-words ${props.value ? "" : "text-slate-400 dark:text-slate-500"}`}>
              {props.value && props.href ? (
                <a href={props.href} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline decoration-1 underline-offset-2 dark:text-brand-300">
                  {props.value}
                </a>
              ) : (
                props.value || t("empty")
              )}
            </span>
            {props.canEdit && (
              <button
                ref={editButton}
                type="button"
                onClick={start}
                aria-label={t("editField", { field: props.label })}
                className="shrink-0 rounded px-1.5 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:opacity-100 dark:text-slate-400 dark:hover:bg-slate-700 dark:hover:text-slate-100"
              >
                {t("edit")}
              </button>
            )}
          </div>
        )}
        {problem && <Problem problem={problem} accountId={props.accountId} id={`${id}-problem`} />}
      </dd>
    </div>
  );
}

const INPUT_TYPE: Record<Exclude<AttributeType, "list" | "checkbox">, "text" | "number" | "date" | "url"> = { text: "text", number: "number", date: "date", link: "url" };

/** A custom attribute's value edited by its definition's type (a checkbox saves as it is ticked). */
export function AttributeField(props: { definition: AttributeDefinition; value: unknown; accountId: number; canEdit: boolean; onSave(value: unknown): Promise<SaveProblem | null> }) {
  const d = props.definition;
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  if (d.attribute_display_type === "checkbox") {
    return (
      <div className="py-1.5">
        <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
          <input
            type="checkbox"
            checked={props.value === true}
            disabled={!props.canEdit || busy}
            onChange={async (e) => {
              setBusy(true);
              setProblem(await props.onSave(e.target.checked));
              setBusy(false);
            }}
            className="h-4 w-4 rounded border-slate-300 text-brand-600"
          />
          {d.attribute_display_name}
        </label>
        {problem && <Problem problem={problem} accountId={props.accountId} id={`${id}-problem`} />}
      </div>
    );
  }
  const text = attributeInput(d.attribute_display_type, props.value);
  const link = d.attribute_display_type === "link" && /^https?:\/\//i.test(text) ? text : null;
  return (
    <InlineField
      label={d.attribute_display_name}
      value={text}
      accountId={props.accountId}
      canEdit={props.canEdit}
      href={link}
      type={d.attribute_display_type === "list" ? undefined : INPUT_TYPE[d.attribute_display_type]}
      options={d.attribute_display_type === "list" ? d.attribute_values : undefined}
      placeholder={d.attribute_display_type === "link" ? "https://" : undefined}
      onSave={(v) => props.onSave(attributeValue(d.attribute_display_type, v))}
    />
  );
}

/** The contact's own details, each editable inline (K3): the panel and the contact page share it. */
export function ContactDetails(props: { accountId: number; contact: EditableContact; definitions: AttributeDefinition[]; canEdit: boolean; onSaved(c: EditableContact): void }) {
  const t = useTranslations("contacts.fields");
  const c = props.contact;
  const save = useContactSave(props.accountId, c.id, props.onSaved);
  const fields: { field: StandardField; type?: "email" | "tel" }[] = [
    { field: "name" },
    { field: "email", type: "email" },
    { field: "phone_number", type: "tel" },
    { field: "company" },
    { field: "city" },
    { field: "country" },
  ];
  const apiField = (f: StandardField) => (f === "company" ? "additional_attributes" : f === "city" || f === "country" ? "additional_attributes" : f);
  const defined = new Set(props.definitions.map((d) => d.attribute_key));
  const loose = Object.entries(c.custom_attributes).filter(([k]) => !defined.has(k));
  return (
    <dl>
      {fields.map(({ field, type }) => (
        <InlineField
          key={field}
          label={t(field)}
          value={standardValue(c, field)}
          accountId={props.accountId}
          canEdit={props.canEdit}
          type={type}
          placeholder={field === "phone_number" ? "+14155550123" : undefined}
          href={field === "email" && c.email ? `mailto:${c.email}` : null}
          onSave={(v) => save(standardPatch(field, v), apiField(field))}
        />
      ))}
      {c.identifier && (
        <div className="py-1.5">
          <dt className="text-xs text-slate-500 dark:text-slate-400">{t("identifier")}</dt>
          <dd className="text-sm break-words text-slate-800 dark:text-slate-200">{c.identifier}</dd>
        </div>
      )}
      {props.definitions.map((d) => (
        <AttributeField
          key={d.id}
          definition={d}
          value={c.custom_attributes[d.attribute_key]}
          accountId={props.accountId}
          canEdit={props.canEdit}
          onSave={(value) => save({ custom_attributes: { [d.attribute_key]: value } }, `custom_attributes.${d.attribute_key}`)}
        />
      ))}
      {loose.map(([k, v]) => (
        <div key={k} className="py-1.5">
          <dt className="text-xs text-slate-500 dark:text-slate-400">{k}</dt>
          <dd className="text-sm break-words text-slate-800 dark:text-slate-200">{typeof v === "object" ? JSON.stringify(v) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The account's custom attribute definitions of one model, for the editors. */
export function useDefinitions(accountId: number, model: "contact_attribute" | "conversation_attribute"): AttributeDefinition[] {
  const [list, setList] = useState<AttributeDefinition[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    api<AttributeDefinition[]>(accountId, `/custom_attribute_definitions?attribute_model=${model}`, { signal: abort.signal }).then(setList, () => undefined);
    return () => abort.abort();
  }, [accountId, model]);
  return list;
}
