"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { api, ApiRequestError } from "@/components/operator/api";
import { useOperator } from "@/components/operator/operator-context";
import {
  kindOfCustom,
  newCondition,
  operatorsFor,
  PRIORITY_VALUES,
  rowErrors,
  STANDARD_ATTRIBUTES,
  STATUS_VALUES,
  takesValue,
  toSavedView,
  type AttributeKind,
  type CustomAttribute,
  type FilterCondition,
  type SavedView,
} from "./filter-conditions";
import { fitsInUrl } from "./filter-param";

const control =
  "h-8 min-w-0 rounded-md border border-slate-200 bg-white px-1.5 text-xs text-slate-700 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200";
const button =
  "h-8 rounded-md border border-slate-200 bg-white px-2.5 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";
const primary = "h-8 rounded-md bg-brand-600 px-2.5 text-xs font-medium text-white hover:bg-brand-700 disabled:opacity-50";

/**
 * The filter builder (WF3/WF4): condition rows — attribute, operator, value(s) fitting the attribute —
 * joined by AND/OR, applied to the list through POST /conversations/filter and saved as a view
 * (POST /custom_filters). The server checks every condition; its 422 names the condition, and the
 * message is shown next to that row. A panel in the list's column (no overlay: it works at 390 px and
 * in the tab order); Escape closes it.
 */
export function FilterBuilder(props: {
  initial: FilterCondition[];
  customAttributes: CustomAttribute[];
  onApply(conditions: FilterCondition[]): void;
  onSaved(view: SavedView): void;
  onClose(): void;
}) {
  const { accountId } = useOperator();
  const t = useTranslations("workflow.filter");
  const [rows, setRows] = useState<FilterCondition[]>(() => (props.initial.length ? props.initial : [newCondition()]));
  const [errors, setErrors] = useState<{ rows: Map<number, string>; general: string | null }>({ rows: new Map(), general: null });
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>("select, input")?.focus();
  }, []);

  const update = (i: number, next: FilterCondition) => {
    setRows((r) => r.map((c, j) => (j === i ? next : c)));
    setErrors((e) => ({ ...e, rows: new Map([...e.rows].filter(([j]) => j !== i)) }));
  };
  const refused = (err: unknown) => {
    if (err instanceof ApiRequestError && err.status === 422) setErrors(rowErrors(err.fields, err.message));
    else setErrors({ rows: new Map(), general: t("error", { reason: err instanceof Error ? err.message : String(err) }) });
  };
  const payload = () => rows.map((c, i) => ({ ...c, query_operator: i === rows.length - 1 ? null : (c.query_operator ?? "and") }));

  const apply = async () => {
    // Applied conditions live in the URL (U1); ones too long for it can still be saved as a view.
    if (!fitsInUrl(payload())) {
      setErrors({ rows: new Map(), general: t("tooLong") });
      return;
    }
    setBusy(true);
    try {
      // The server checks the conditions (and answers the first page, which the list then reads).
      await api(accountId, "/conversations/filter", { json: { payload: payload() } });
      setErrors({ rows: new Map(), general: null });
      props.onApply(payload());
    } catch (err) {
      refused(err);
    } finally {
      setBusy(false);
    }
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      const saved = await api<{ id: number; name: string; query: { payload?: unknown } }>(accountId, "/custom_filters", {
        json: { name: name.trim(), filter_type: "conversation", query: { payload: payload() } },
      });
      props.onSaved(toSavedView(saved));
    } catch (err) {
      refused(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      ref={panel}
      role="region"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          props.onClose();
        }
      }}
      className="@container max-h-[60vh] overflow-y-auto border-b border-slate-200 bg-slate-50 px-4 py-3 dark:border-slate-700 dark:bg-slate-800/60"
    >
      <h2 id={titleId} className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
        {t("title")}
      </h2>
      <ol className="space-y-2">
        {rows.map((c, i) => (
          <li key={i}>
            {i > 0 && (
              <select
                aria-label={t("joinWith", { n: i + 1 })}
                className={`${control} mb-2 font-semibold`}
                value={(rows[i - 1]!.query_operator ?? "and").toLowerCase()}
                onChange={(e) => update(i - 1, { ...rows[i - 1]!, query_operator: e.target.value as "and" | "or" })}
              >
                <option value="and">{t("and")}</option>
                <option value="or">{t("or")}</option>
              </select>
            )}
            <ConditionRow
              n={i + 1}
              condition={c}
              customAttributes={props.customAttributes}
              error={errors.rows.get(i) ?? null}
              onChange={(next) => update(i, next)}
              onRemove={rows.length > 1 ? () => setRows((r) => r.filter((_, j) => j !== i)) : undefined}
            />
          </li>
        ))}
      </ol>
      {errors.general && (
        <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">
          {errors.general}
        </p>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button type="button" className={button} onClick={() => setRows((r) => [...r, newCondition()])} disabled={rows.length >= 20}>
          {t("add")}
        </button>
        <button type="button" className={primary} onClick={apply} disabled={busy}>
          {t("apply")}
        </button>
        <button type="button" className={button} onClick={props.onClose}>
          {t("cancel")}
        </button>
      </div>
      <form onSubmit={save} className="mt-3 flex flex-wrap items-center gap-2 border-t border-slate-200 pt-3 dark:border-slate-700">
        <input aria-label={t("name")} placeholder={t("name")} value={name} maxLength={255} onChange={(e) => setName(e.target.value)} className={`${control} w-44 flex-1 px-2`} />
        <button type="submit" className={button} disabled={busy || !name.trim()}>
          {t("save")}
        </button>
      </form>
    </div>
  );
}

/** Which attribute a select option stands for: a standard key, or `custom:<model>:<key>`. */
const optionOf = (c: FilterCondition) => (STANDARD_ATTRIBUTES.some((a) => a.key === c.attribute_key) ? c.attribute_key : `custom:${c.attribute_model ?? "conversation_attribute"}:${c.attribute_key}`);

function ConditionRow(props: { n: number; condition: FilterCondition; customAttributes: CustomAttribute[]; error: string | null; onChange(c: FilterCondition): void; onRemove?: () => void }) {
  const { agents, inboxes, teams, labels } = useOperator();
  const t = useTranslations("workflow.filter");
  const tStatus = useTranslations("status");
  const tPriority = useTranslations("priority");
  const errorId = useId();
  const c = props.condition;
  const custom = props.customAttributes.find((a) => optionOf(c) === `custom:${a.model}:${a.key}`);
  const kind: AttributeKind = custom ? kindOfCustom(custom.type) : (STANDARD_ATTRIBUTES.find((a) => a.key === c.attribute_key)?.kind ?? "text");
  const operators = operatorsFor(kind);

  const firstValue = (k: AttributeKind): (string | number)[] => {
    if (k === "status") return ["open"];
    if (k === "priority") return ["low"];
    if (k === "agent") return agents[0] ? [agents[0].id] : [];
    if (k === "inbox") return inboxes[0] ? [inboxes[0].id] : [];
    if (k === "team") return teams[0] ? [teams[0].id] : [];
    if (k === "labels") return labels[0] ? [labels[0].title] : [];
    if (k === "boolean") return ["true"];
    return [];
  };
  const chooseAttribute = (value: string) => {
    const a = props.customAttributes.find((x) => `custom:${x.model}:${x.key}` === value);
    const k = a ? kindOfCustom(a.type) : (STANDARD_ATTRIBUTES.find((x) => x.key === value)?.kind ?? "text");
    props.onChange({
      attribute_key: a ? a.key : value,
      ...(a && { attribute_model: a.model }),
      filter_operator: operatorsFor(k)[0]!,
      values: firstValue(k),
      query_operator: c.query_operator,
    });
  };
  const value = c.values[0] ?? "";
  const setValue = (v: string | number) => props.onChange({ ...c, values: v === "" ? [] : [v] });
  const label = t("value");
  const describedBy = props.error ? errorId : undefined;
  const choice = (options: { value: string | number; label: string }[]) => (
    <select
      aria-label={label}
      aria-describedby={describedBy}
      className={`${control} w-full`}
      value={String(value)}
      onChange={(e) => setValue(typeof options[0]?.value === "number" ? Number(e.target.value) : e.target.value)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );

  let input: React.ReactNode = null;
  if (takesValue(c.filter_operator)) {
    if (kind === "status") input = choice(STATUS_VALUES.map((s) => ({ value: s, label: tStatus(s) })));
    else if (kind === "priority") input = choice(PRIORITY_VALUES.map((p) => ({ value: p, label: tPriority(p) })));
    else if (kind === "agent") input = choice(agents.map((a) => ({ value: a.id, label: a.name })));
    else if (kind === "inbox") input = choice(inboxes.map((x) => ({ value: x.id, label: x.name })));
    else if (kind === "team") input = choice(teams.map((x) => ({ value: x.id, label: x.name })));
    else if (kind === "labels") input = choice(labels.map((l) => ({ value: l.title, label: l.title })));
    else if (kind === "boolean")
      input = choice([
        { value: "true", label: t("yes") },
        { value: "false", label: t("no") },
      ]);
    else if (kind === "date" && c.filter_operator !== "days_before")
      input = <input type="date" aria-label={label} aria-describedby={describedBy} className={`${control} w-full`} value={String(value)} onChange={(e) => setValue(e.target.value)} />;
    else if (kind === "number" || (kind === "date" && c.filter_operator === "days_before"))
      input = (
        <input
          type="number"
          inputMode="numeric"
          aria-label={c.filter_operator === "days_before" ? t("days") : label}
          aria-describedby={describedBy}
          className={`${control} w-24`}
          value={String(value)}
          onChange={(e) => setValue(e.target.value === "" ? "" : Number(e.target.value))}
        />
      );
    else
      input = (
        <input type="text" aria-label={label} aria-describedby={describedBy} className={`${control} w-full px-2`} value={String(value)} maxLength={255} onChange={(e) => setValue(e.target.value)} />
      );
  }

  return (
    // Two lines in the list's column (attribute and operator, then value and remove), one where there is room.
    <div role="group" aria-label={t("condition", { n: props.n })} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-1.5 @xl:grid-cols-[minmax(0,12rem)_auto_minmax(0,1fr)_auto]">
      <select aria-label={t("attribute")} aria-describedby={describedBy} className={`${control} col-start-1 row-start-1 w-full`} value={optionOf(c)} onChange={(e) => chooseAttribute(e.target.value)}>
        {STANDARD_ATTRIBUTES.map((a) => (
          <option key={a.key} value={a.key}>
            {t(`attributes.${a.key}` as "attributes.status")}
          </option>
        ))}
        {props.customAttributes.length > 0 && (
          <optgroup label={t("customAttributes")}>
            {props.customAttributes.map((a) => (
              <option key={`${a.model}:${a.key}`} value={`custom:${a.model}:${a.key}`}>
                {a.model === "contact_attribute" ? t("contactAttribute", { name: a.name }) : a.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <select
        aria-label={t("operator")}
        aria-describedby={describedBy}
        className={`${control} col-start-2 row-start-1 max-w-[11rem]`}
        value={c.filter_operator}
        onChange={(e) => props.onChange({ ...c, filter_operator: e.target.value, values: !takesValue(e.target.value) || kind === "date" ? [] : c.values.length ? c.values : firstValue(kind) })}
      >
        {operators.map((o) => (
          <option key={o} value={o}>
            {t(`operators.${o}` as "operators.equal_to")}
          </option>
        ))}
      </select>
      {input && <div className="col-start-1 row-start-2 flex min-w-0 @xl:col-start-3 @xl:row-start-1">{input}</div>}
      {props.onRemove && (
        <button
          type="button"
          aria-label={t("removeN", { n: props.n })}
          title={t("remove")}
          onClick={props.onRemove}
          className={`${button} col-start-2 row-start-2 justify-self-end px-2 @xl:col-start-4 @xl:row-start-1`}
        >
          <span aria-hidden>×</span>
        </button>
      )}
      {props.error && (
        <p id={errorId} role="alert" className="col-span-full text-xs text-red-700 dark:text-red-300">
          {props.error}
        </p>
      )}
    </div>
  );
}
