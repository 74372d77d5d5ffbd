"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useState } from "react";
import type { AttributeDefinition, AttributeType } from "@/components/contacts/contact-model";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { api, ApiRequestError } from "@/components/operator/api";

const TYPES: AttributeType[] = ["text", "number", "date", "list", "checkbox", "link"];
const MODELS = ["contact_attribute", "conversation_attribute"] as const;
type Draft = {
  attribute_display_name: string;
  attribute_key: string;
  attribute_display_type: AttributeType;
  attribute_model: (typeof MODELS)[number];
  attribute_description: string;
  attribute_values: string;
};

const empty: Draft = { attribute_display_name: "", attribute_key: "", attribute_display_type: "text", attribute_model: "contact_attribute", attribute_description: "", attribute_values: "" };
const keyFrom = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 64);

const field = "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100";

/** One definition's form (K7): create, or edit an existing one; field errors from the API under each field. */
function DefinitionForm({ accountId, initial, onSaved, onCancel }: { accountId: number; initial?: AttributeDefinition; onSaved(): void; onCancel?(): void }) {
  const t = useTranslations("customAttributes");
  const apiText = useApiErrorText();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(
    initial
      ? {
          attribute_display_name: initial.attribute_display_name,
          attribute_key: initial.attribute_key,
          attribute_display_type: initial.attribute_display_type,
          attribute_model: initial.attribute_model,
          attribute_description: initial.attribute_description ?? "",
          attribute_values: initial.attribute_values.join(", "),
        }
      : empty,
  );
  const [keyTouched, setKeyTouched] = useState(Boolean(initial));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const err = (name: string) =>
    errors[name]?.length ? (
      <p id={`${id}-${name}-error`} className="mt-1 text-xs text-red-700 dark:text-red-400">
        {errors[name]!.map(apiText).join(", ")}
      </p>
    ) : null;
  const described = (name: string) => (errors[name]?.length ? { "aria-invalid": true, "aria-describedby": `${id}-${name}-error` } : {});
  const label = "mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300";

  const submit = async () => {
    setBusy(true);
    setErrors({});
    const body = {
      ...draft,
      attribute_description: draft.attribute_description || null,
      attribute_values:
        draft.attribute_display_type === "list"
          ? draft.attribute_values
              .split(",")
              .map((v) => v.trim())
              .filter(Boolean)
          : [],
    };
    try {
      await api(accountId, initial ? `/custom_attribute_definitions/${initial.id}` : "/custom_attribute_definitions", { method: initial ? "PATCH" : "POST", json: body });
      if (!initial) {
        setDraft(empty);
        setKeyTouched(false);
      }
      onSaved();
    } catch (e) {
      setErrors(e instanceof ApiRequestError && Object.keys(e.fields).length ? e.fields : { form: [e instanceof Error ? e.message : String(e)] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label={initial ? t("editLabel", { name: initial.attribute_display_name }) : t("new")}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      className="grid gap-3 sm:grid-cols-2"
    >
      <div>
        <label htmlFor={`${id}-name`} className={label}>
          {t("displayName")}
        </label>
        <input
          id={`${id}-name`}
          className={field}
          value={draft.attribute_display_name}
          onChange={(e) => set({ attribute_display_name: e.target.value, ...(keyTouched ? {} : { attribute_key: keyFrom(e.target.value) }) })}
          {...described("attribute_display_name")}
        />
        {err("attribute_display_name")}
      </div>
      <div>
        <label htmlFor={`${id}-key`} className={label}>
          {t("key")}
        </label>
        <input
          id={`${id}-key`}
          className={`${field} font-mono`}
          value={draft.attribute_key}
          onChange={(e) => {
            setKeyTouched(true);
            set({ attribute_key: e.target.value });
          }}
          {...described("attribute_key")}
        />
        {err("attribute_key")}
      </div>
      <div>
        <label htmlFor={`${id}-type`} className={label}>
          {t("type")}
        </label>
        <select
          id={`${id}-type`}
          className={field}
          value={draft.attribute_display_type}
          onChange={(e) => set({ attribute_display_type: e.target.value as AttributeType })}
          {...described("attribute_display_type")}
        >
          {TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`types.${ty}`)}
            </option>
          ))}
        </select>
        {err("attribute_display_type")}
      </div>
      <div>
        <label htmlFor={`${id}-model`} className={label}>
          {t("appliesTo")}
        </label>
        <select id={`${id}-model`} className={field} value={draft.attribute_model} onChange={(e) => set({ attribute_model: e.target.value as Draft["attribute_model"] })}>
          {MODELS.map((m) => (
            <option key={m} value={m}>
              {t(`models.${m}`)}
            </option>
          ))}
        </select>
      </div>
      {draft.attribute_display_type === "list" && (
        <div className="sm:col-span-2">
          <label htmlFor={`${id}-values`} className={label}>
            {t("values")}
          </label>
          <input
            id={`${id}-values`}
            className={field}
            value={draft.attribute_values}
            placeholder={t("valuesPlaceholder")}
            onChange={(e) => set({ attribute_values: e.target.value })}
            {...described("attribute_values")}
          />
          {err("attribute_values")}
        </div>
      )}
      <div className="sm:col-span-2">
        <label htmlFor={`${id}-description`} className={label}>
          {t("description")}
        </label>
        <input id={`${id}-description`} className={field} value={draft.attribute_description} onChange={(e) => set({ attribute_description: e.target.value })} />
      </div>
      {errors.form && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-2 dark:text-red-400">
          {errors.form.map(apiText).join(" ")}
        </p>
      )}
      <div className="flex gap-2 sm:col-span-2">
        <button type="submit" disabled={busy} className="rounded-md bg-brand-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-600 disabled:opacity-60">
          {busy ? t("saving") : initial ? t("save") : t("add")}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
            {t("cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** Settings → Custom attributes (K7, administrators): the account's definitions, added, edited and deleted. */
export function CustomAttributesSettings({ accountId }: { accountId: number }) {
  const t = useTranslations("customAttributes");
  const apiText = useApiErrorText();
  const [list, setList] = useState<AttributeDefinition[] | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    const abort = new AbortController();
    api<AttributeDefinition[]>(accountId, "/custom_attribute_definitions", { signal: abort.signal }).then(setList, () => {
      if (!abort.signal.aborted) setError(t("loadFailed"));
    });
    return () => abort.abort();
  }, [accountId, tick, t]);

  const remove = async (d: AttributeDefinition) => {
    if (!window.confirm(t("confirmDelete", { name: d.attribute_display_name }))) return;
    try {
      await api(accountId, `/custom_attribute_definitions/${d.id}`, { method: "DELETE" });
      reload();
    } catch (e) {
      setError(e instanceof ApiRequestError ? apiText(e.message) : t("deleteFailed"));
    }
  };

  return (
    <div className="space-y-5">
      <section aria-label={t("new")} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <h2 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold text-slate-900 dark:border-slate-800 dark:text-slate-100">{t("new")}</h2>
        <div className="px-5 py-4">
          <DefinitionForm accountId={accountId} onSaved={reload} />
        </div>
      </section>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <ul aria-label={t("list")} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {list === null && !error && <li className="px-4 py-6 text-sm text-slate-500">{t("loading")}</li>}
        {list?.length === 0 && <li className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">{t("empty")}</li>}
        {list?.map((d) => (
          <li key={d.id} className="px-4 py-3">
            {editing === d.id ? (
              <DefinitionForm
                accountId={accountId}
                initial={d}
                onSaved={() => {
                  setEditing(null);
                  reload();
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <div className="flex flex-wrap items-center gap-3">
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-slate-900 dark:text-slate-100">
                    {d.attribute_display_name} <code className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">{d.attribute_key}</code>
                  </p>
                  <p className="text-xs text-slate-500 dark:text-slate-400">
                    {t(`types.${d.attribute_display_type}`)} · {t(`models.${d.attribute_model}`)}
                    {d.attribute_display_type === "list" && d.attribute_values.length > 0 && ` · ${d.attribute_values.join(", ")}`}
                    {d.attribute_description && ` · ${d.attribute_description}`}
                  </p>
                </div>
                <button
                  type="button"
                  onClick={() => setEditing(d.id)}
                  aria-label={t("editLabel", { name: d.attribute_display_name })}
                  className="rounded-md border border-slate-300 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
                >
                  {t("edit")}
                </button>
                <button
                  type="button"
                  onClick={() => void remove(d)}
                  aria-label={t("deleteLabel", { name: d.attribute_display_name })}
                  className="rounded-md border border-red-200 px-2.5 py-1 text-sm text-red-700 hover:bg-red-50 dark:border-red-900 dark:text-red-300 dark:hover:bg-red-950"
                >
                  {t("delete")}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
