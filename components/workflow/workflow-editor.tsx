"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { api, ApiRequestError } from "@/components/operator/api";
import { buttonClass, inputClass } from "@/components/settings/form-parts";
import { MACRO_ACTIONS } from "@/lib/workflow/workflow-names";

/** The actions come from the list the server validates; the pickers below list events, attributes and operators in the order people pick them. */
const ACTIONS = MACRO_ACTIONS;
const NO_PARAMS = new Set(["resolve_conversation", "snooze_conversation", "open_conversation"]);
const EVENTS = ["message_created", "conversation_created", "conversation_updated"] as const;
const ATTRIBUTES = ["content", "message_type", "status", "priority", "labels", "inbox_id", "assignee_id", "team_id", "created_at", "last_activity_at", "email", "phone_number", "name"] as const;
// The date operators apply to created_at and last_activity_at only (the API says so when misused).
const OPERATORS = ["contains", "does_not_contain", "equal_to", "not_equal_to", "is_present", "is_not_present", "is_greater_than", "is_less_than", "days_before"] as const;

type Action = { action_name: string; action_params: unknown[] };
type Condition = { attribute_key: string; filter_operator: string; values: unknown[]; query_operator?: string | null };
type Item = { id: number; name: string; visibility?: string; event_name?: string; active?: boolean; actions: Action[]; conditions?: Condition[] };
type Draft = {
  id: number | null;
  name: string;
  visibility: string;
  event_name: string;
  active: boolean;
  actions: { name: string; params: string }[];
  conditions: { key: string; op: string; values: string; join: string }[];
};

const list = (s: string) =>
  s
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
const blank = (kind: "macros" | "rules"): Draft => ({
  id: null,
  name: "",
  visibility: "personal",
  event_name: "message_created",
  active: true,
  actions: [{ name: kind === "macros" ? "add_label" : "add_label", params: "" }],
  conditions: kind === "rules" ? [{ key: "content", op: "contains", values: "", join: "and" }] : [],
});
const toDraft = (i: Item): Draft => ({
  id: i.id,
  name: i.name,
  visibility: i.visibility ?? "personal",
  event_name: i.event_name ?? "message_created",
  active: i.active ?? true,
  actions: i.actions.map((a) => ({ name: a.action_name, params: a.action_params.map(String).join(", ") })),
  conditions: (i.conditions ?? []).map((c) => ({ key: c.attribute_key, op: c.filter_operator, values: c.values.map(String).join(", "), join: c.query_operator ?? "and" })),
});

/**
 * The macros page (every agent: their personal macros; administrators also the account's) and the
 * automation rules page (administrators), over the Application API: a list, and a form with action rows
 * and, for rules, condition rows. Parameters and values are comma-separated; the API names any field it
 * refuses, and the form says it next to the form.
 */
export function WorkflowEditor({ accountId, kind, canManageGlobal }: { accountId: number; kind: "macros" | "rules"; canManageGlobal: boolean }) {
  const t = useTranslations("notify.editor");
  const path = kind === "macros" ? "/macros" : "/automation_rules";
  const [items, setItems] = useState<Item[] | null>(null);
  const [draft, setDraft] = useState<Draft>(() => blank(kind));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(() => {
    api<{ payload: Item[] }>(accountId, path).then(
      (r) => setItems(r.payload),
      () => setItems([]),
    );
  }, [accountId, path]);
  useEffect(load, [load]);

  const body = () => ({
    name: draft.name,
    actions: draft.actions.map((a) => ({ action_name: a.name, action_params: NO_PARAMS.has(a.name) ? [] : a.name === "send_message" || a.name === "add_private_note" ? [a.params] : list(a.params) })),
    ...(kind === "macros"
      ? { visibility: draft.visibility }
      : {
          event_name: draft.event_name,
          active: draft.active,
          conditions: draft.conditions.map((c, i) => ({ attribute_key: c.key, filter_operator: c.op, values: list(c.values), query_operator: i < draft.conditions.length - 1 ? c.join : null })),
        }),
  });

  async function save() {
    setError(null);
    setSaved(null);
    try {
      await api(accountId, draft.id === null ? path : `${path}/${draft.id}`, { method: draft.id === null ? "POST" : "PATCH", json: body() });
      setSaved(t("saved", { name: draft.name }));
      setDraft(blank(kind));
      load();
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : String(err));
    }
  }

  async function remove(item: Item) {
    if (!window.confirm(t("confirmDelete", { name: item.name }))) return;
    await api(accountId, `${path}/${item.id}`, { method: "DELETE" }).catch((err: unknown) => setError(err instanceof ApiRequestError ? err.message : String(err)));
    load();
  }

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const rowClass = "grid grid-cols-1 gap-2 sm:grid-cols-[12rem_1fr_auto]";
  const label = "block text-xs font-medium text-slate-600 dark:text-slate-300";
  const field = `${inputClass} dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100`;

  return (
    <div className="space-y-6">
      <ul aria-label={t(`${kind}.list`)} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-800">
        {items?.length === 0 && <li className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">{t(`${kind}.empty`)}</li>}
        {items?.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
            <span className="font-medium text-slate-900 dark:text-slate-100">{i.name}</span>
            <span className="text-xs text-slate-500 dark:text-slate-400">
              {kind === "macros" ? t(`visibility.${i.visibility === "global" ? "global" : "personal"}`) : `${t(`events.${i.event_name as "message_created"}`)}${i.active ? "" : ` · ${t("inactive")}`}`}
            </span>
            <span className="ml-auto flex gap-2">
              <button type="button" className={buttonClass("secondary")} onClick={() => setDraft(toDraft(i))}>
                {t("edit")}
              </button>
              <button type="button" className={buttonClass("danger")} onClick={() => void remove(i)}>
                {t("delete")}
              </button>
            </span>
          </li>
        ))}
      </ul>

      <form
        aria-label={draft.id === null ? t(`${kind}.new`) : t("editing", { name: draft.name })}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{draft.id === null ? t(`${kind}.new`) : t("editing", { name: draft.name })}</h2>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <label className={label}>
            {t("name")}
            <input className={field} value={draft.name} onChange={(e) => set({ name: e.target.value })} required maxLength={255} />
          </label>
          {kind === "macros" ? (
            <label className={label}>
              {t("visibilityLabel")}
              <select className={field} value={draft.visibility} onChange={(e) => set({ visibility: e.target.value })}>
                <option value="personal">{t("visibility.personal")}</option>
                {canManageGlobal && <option value="global">{t("visibility.global")}</option>}
              </select>
            </label>
          ) : (
            <label className={label}>
              {t("event")}
              <select className={field} value={draft.event_name} onChange={(e) => set({ event_name: e.target.value })}>
                {EVENTS.map((ev) => (
                  <option key={ev} value={ev}>
                    {t(`events.${ev}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>

        {kind === "rules" && (
          <fieldset className="space-y-2">
            <legend className="text-xs font-semibold text-slate-700 uppercase dark:text-slate-200">{t("conditions")}</legend>
            {draft.conditions.map((c, i) => (
              <div key={i} className="grid grid-cols-1 gap-2 sm:grid-cols-[10rem_10rem_1fr_5rem_auto]">
                <select
                  aria-label={t("attribute")}
                  className={field}
                  value={c.key}
                  onChange={(e) => set({ conditions: draft.conditions.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)) })}
                >
                  {ATTRIBUTES.map((a) => (
                    <option key={a} value={a}>
                      {t(`attributes.${a}`)}
                    </option>
                  ))}
                </select>
                <select aria-label={t("operator")} className={field} value={c.op} onChange={(e) => set({ conditions: draft.conditions.map((x, j) => (j === i ? { ...x, op: e.target.value } : x)) })}>
                  {OPERATORS.map((o) => (
                    <option key={o} value={o}>
                      {t(`operators.${o}`)}
                    </option>
                  ))}
                </select>
                <input
                  aria-label={t("values")}
                  placeholder={t("valuesHint")}
                  className={field}
                  value={c.values}
                  onChange={(e) => set({ conditions: draft.conditions.map((x, j) => (j === i ? { ...x, values: e.target.value } : x)) })}
                />
                <select aria-label={t("join")} className={field} value={c.join} onChange={(e) => set({ conditions: draft.conditions.map((x, j) => (j === i ? { ...x, join: e.target.value } : x)) })}>
                  <option value="and">{t("and")}</option>
                  <option value="or">{t("or")}</option>
                </select>
                <button type="button" className={buttonClass("secondary")} onClick={() => set({ conditions: draft.conditions.filter((_, j) => j !== i) })}>
                  {t("remove")}
                </button>
              </div>
            ))}
            <button type="button" className={buttonClass("secondary")} onClick={() => set({ conditions: [...draft.conditions, { key: "status", op: "equal_to", values: "", join: "and" }] })}>
              {t("addCondition")}
            </button>
          </fieldset>
        )}

        <fieldset className="space-y-2">
          <legend className="text-xs font-semibold text-slate-700 uppercase dark:text-slate-200">{t("actions")}</legend>
          {draft.actions.map((a, i) => (
            <div key={i} className={rowClass}>
              <select aria-label={t("action")} className={field} value={a.name} onChange={(e) => set({ actions: draft.actions.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })}>
                {ACTIONS.map((n) => (
                  <option key={n} value={n}>
                    {t(`actionNames.${n}`)}
                  </option>
                ))}
              </select>
              <input
                aria-label={t("params")}
                placeholder={t(`paramHints.${a.name as "add_label"}`)}
                disabled={NO_PARAMS.has(a.name)}
                className={field}
                value={NO_PARAMS.has(a.name) ? "" : a.params}
                onChange={(e) => set({ actions: draft.actions.map((x, j) => (j === i ? { ...x, params: e.target.value } : x)) })}
              />
              <button type="button" className={buttonClass("secondary")} disabled={draft.actions.length === 1} onClick={() => set({ actions: draft.actions.filter((_, j) => j !== i) })}>
                {t("remove")}
              </button>
            </div>
          ))}
          <button type="button" className={buttonClass("secondary")} onClick={() => set({ actions: [...draft.actions, { name: "add_private_note", params: "" }] })}>
            {t("addAction")}
          </button>
        </fieldset>

        {kind === "rules" && (
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
            <input type="checkbox" checked={draft.active} onChange={(e) => set({ active: e.target.checked })} />
            {t("active")}
          </label>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-600">
            {error}
          </p>
        )}
        {saved && (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {saved}
          </p>
        )}
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("primary")}>
            {t("save")}
          </button>
          {draft.id !== null && (
            <button type="button" className={buttonClass("secondary")} onClick={() => setDraft(blank(kind))}>
              {t("cancel")}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
