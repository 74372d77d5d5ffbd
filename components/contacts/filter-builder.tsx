"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { api, ApiRequestError } from "@/components/operator/api";
import { fitsInUrl } from "@/components/workflow/filter-param";
import { useDefinitions } from "./contact-details";
import { needsValue, OPERATORS, payloadOf, STANDARD_FILTER_KEYS, type AttributeKind, type Condition } from "./contacts-query";

const KIND_OF_TYPE: Record<string, AttributeKind> = { text: "text", link: "text", list: "text", number: "number", date: "date", checkbox: "boolean" };

/**
 * A small condition builder for Chatwoot's contact filter payload: attribute, operator, value, and/or.
 * It takes the focus when it opens; Escape closes it (the workspace returns the focus to its button).
 */
export function FilterBuilder({
  accountId,
  initial,
  onApply,
  onSave,
  onClose,
}: {
  accountId: number;
  initial: Condition[];
  onApply(conditions: Condition[]): void;
  onSave?(conditions: Condition[]): void;
  onClose?(): void;
}) {
  const t = useTranslations("contacts.filter");
  const tf = useTranslations("contacts.fields");
  const definitions = useDefinitions(accountId, "contact_attribute");
  const keys = [
    ...STANDARD_FILTER_KEYS.map((k) => ({ ...k, label: k.key === "country_code" ? t("countryCode") : k.key === "blocked" ? t("blocked") : tf(k.key as "name") })),
    ...definitions.map((d) => ({ key: d.attribute_key, kind: KIND_OF_TYPE[d.attribute_display_type] ?? "text", label: d.attribute_display_name })),
  ];
  const blank = (): Condition => ({ attribute_key: "name", filter_operator: "contains", values: [""], query_operator: "and" });
  const [rows, setRows] = useState<Condition[]>(initial.length ? initial : [blank()]);
  const kindOf = (key: string) => keys.find((k) => k.key === key)?.kind ?? "text";
  const set = (i: number, patch: Partial<Condition>) => setRows((r) => r.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const [error, setError] = useState<string | null>(null);
  const apiText = useApiErrorText();
  const form = useRef<HTMLFormElement>(null);
  // The server checks the conditions before they go into the address (as the conversations' builder):
  // one it refuses stays here with its reason. Anything else the list reports when it loads.
  const apply = async (payload: Condition[]) => {
    try {
      if (payload.length) await api(accountId, "/contacts/filter?page=1", { json: { payload } });
    } catch (err) {
      if (err instanceof ApiRequestError && err.status >= 400 && err.status < 500) return setError(apiText(err.message));
    }
    setError(null);
    onApply(payload);
  };
  // Opened (or rebuilt after an apply, whose button it replaced) it takes the focus; never from the search box.
  useEffect(() => {
    const at = document.activeElement;
    if (!at || at === document.body || at.hasAttribute("aria-expanded")) form.current?.querySelector<HTMLElement>("select, input")?.focus();
  }, []);
  const field = "rounded-md border border-slate-200 bg-white px-2 py-1 text-sm text-slate-800 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100";

  return (
    <form
      ref={form}
      aria-label={t("label")}
      onKeyDown={(e) => {
        if (e.key === "Escape" && onClose) {
          e.stopPropagation();
          onClose();
        }
      }}
      className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-900"
      onSubmit={(e) => {
        e.preventDefault();
        // An applied filter lives in the URL; one too long for it can still be saved.
        if (!fitsInUrl(payloadOf(rows))) return setError(t("tooLong"));
        void apply(payloadOf(rows));
      }}
    >
      {rows.map((c, i) => {
        const kind = kindOf(c.attribute_key);
        return (
          <fieldset key={i} className="flex flex-wrap items-center gap-2">
            <legend className="sr-only">{t("condition", { n: i + 1 })}</legend>
            <select
              aria-label={t("attribute")}
              value={c.attribute_key}
              className={field}
              onChange={(e) => {
                const k = kindOf(e.target.value);
                set(i, { attribute_key: e.target.value, filter_operator: OPERATORS[k][0]!, values: [k === "boolean" ? true : ""] });
              }}
            >
              {keys.map((k) => (
                <option key={k.key} value={k.key}>
                  {k.label}
                </option>
              ))}
            </select>
            <select aria-label={t("operator")} value={c.filter_operator} className={field} onChange={(e) => set(i, { filter_operator: e.target.value })}>
              {OPERATORS[kind].map((op) => (
                <option key={op} value={op}>
                  {t(`operators.${op}` as "operators.equal_to")}
                </option>
              ))}
            </select>
            {needsValue(c.filter_operator) &&
              (kind === "boolean" ? (
                <select aria-label={t("value")} value={String(c.values[0] ?? true)} className={field} onChange={(e) => set(i, { values: [e.target.value === "true"] })}>
                  <option value="true">{t("yes")}</option>
                  <option value="false">{t("no")}</option>
                </select>
              ) : (
                <input
                  aria-label={t("value")}
                  type={c.filter_operator === "days_before" || kind === "number" ? "number" : kind === "date" ? "date" : "text"}
                  value={String(c.values[0] ?? "")}
                  className={field}
                  onChange={(e) => set(i, { values: [e.target.value] })}
                />
              ))}
            {i < rows.length - 1 && (
              <select aria-label={t("joiner")} value={c.query_operator} className={field} onChange={(e) => set(i, { query_operator: e.target.value as "and" | "or" })}>
                <option value="and">{t("and")}</option>
                <option value="or">{t("or")}</option>
              </select>
            )}
            <button
              type="button"
              onClick={() => setRows((r) => r.filter((_, j) => j !== i))}
              className="rounded px-1.5 text-sm text-slate-500 hover:bg-slate-200 dark:hover:bg-slate-700"
              aria-label={t("remove", { n: i + 1 })}
            >
              ×
            </button>
          </fieldset>
        );
      })}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={() => setRows((r) => [...r, blank()])} className="rounded-md px-2 py-1 text-sm text-brand-700 hover:bg-brand-50 dark:text-brand-300 dark:hover:bg-slate-800">
          {t("add")}
        </button>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700">
          {t("apply")}
        </button>
        {onSave && (
          <button type="button" onClick={() => onSave(payloadOf(rows))} className="rounded-md px-2 py-1 text-sm text-brand-700 hover:bg-brand-50 dark:text-brand-300 dark:hover:bg-slate-800">
            {t("save")}
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            setRows([blank()]);
            onApply([]);
          }}
          className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-700"
        >
          {t("clear")}
        </button>
      </div>
    </form>
  );
}
