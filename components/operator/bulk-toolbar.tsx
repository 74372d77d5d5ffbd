"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { MenuButton, MenuItem } from "@/components/conversation/menu-button";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { api } from "./api";
import { useOperator } from "./operator-context";

type BulkResult = { updated: number; skipped: number; failed: number };
type Macro = { id: number; name: string };

/**
 * The list's bulk actions (WF5): what the selected conversations get, sent once to POST /bulk_actions,
 * which applies it to each with the one-at-a-time rules and events. The list updates from the
 * stream (conversation.updated per conversation); the toolbar reports what was done and skipped.
 */
export function BulkToolbar({ ids, onClear, onSelectAll }: { ids: number[]; onClear(): void; onSelectAll(): void }) {
  const { accountId, agents, teams, labels } = useOperator();
  const t = useTranslations("workflow.bulk");
  const apiText = useApiErrorText();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [macros, setMacros] = useState<Macro[] | null>(null);
  // The macros are read when the menu is first opened (MA2: the account's and the agent's own).
  const asked = useRef(false);
  const loadMacros = () => {
    if (asked.current) return;
    asked.current = true;
    api<{ payload: Macro[] }>(accountId, "/macros").then(
      (r) => setMacros(r.payload),
      () => setMacros([]),
    );
  };
  const runMacro = async (m: Macro) => {
    setBusy(true);
    setNote(null);
    try {
      await api(accountId, `/macros/${m.id}/execute`, { json: { conversation_ids: ids } });
      setNote(t("macroRan", { name: m.name, count: ids.length }));
      onClear();
    } catch (e) {
      setNote(t("failed", { reason: e instanceof Error ? apiText(e.message) : "" }));
    } finally {
      setBusy(false);
    }
  };

  const run = async (change: { fields?: Record<string, unknown>; labels?: { add?: string[]; remove?: string[] } }) => {
    setBusy(true);
    setNote(null);
    try {
      const res = await api<BulkResult>(accountId, "/bulk_actions", { json: { type: "Conversation", ids, ...change } });
      setNote(t("done", { updated: res.updated, skipped: res.skipped, failed: res.failed }));
      onClear();
    } catch (e) {
      setNote(t("failed", { reason: e instanceof Error ? apiText(e.message) : "" }));
    } finally {
      setBusy(false);
    }
  };
  const select = "h-7 max-w-[12rem] rounded-md border border-slate-200 bg-white px-1.5 text-xs text-slate-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200";
  const button =
    "h-7 rounded-md border border-slate-200 bg-white px-2 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200";

  if (!ids.length)
    return note ? (
      <p className="border-b border-slate-200 bg-emerald-50 px-4 py-1.5 text-xs text-emerald-800 dark:border-slate-700 dark:bg-emerald-950 dark:text-emerald-200" role="status">
        {note}
      </p>
    ) : null;
  return (
    <div role="toolbar" aria-label={t("toolbar")} className="flex flex-wrap items-center gap-1.5 border-b border-slate-200 bg-brand-50 px-4 py-2 dark:border-slate-700 dark:bg-slate-800">
      <span className="text-xs font-medium text-slate-700 dark:text-slate-200" data-testid="bulk-count">
        {t("selected", { count: ids.length })}
      </span>
      <button type="button" className={button} onClick={onSelectAll} disabled={busy}>
        {t("selectAll")}
      </button>
      <button type="button" className={button} onClick={() => run({ fields: { status: "resolved" } })} disabled={busy}>
        {t("resolve")}
      </button>
      <button type="button" className={button} onClick={() => run({ fields: { status: "snoozed", snoozed_until: Math.floor(Date.now() / 1000) + 3600 } })} disabled={busy}>
        {t("snooze")}
      </button>
      <select
        aria-label={t("assign")}
        className={select}
        value=""
        disabled={busy}
        onChange={(e) => e.target.value && run({ fields: { assignee_id: e.target.value === "none" ? null : Number(e.target.value) } })}
      >
        <option value="">{t("assign")}</option>
        <option value="none">{t("unassigned")}</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      {teams.length > 0 && (
        <select
          aria-label={t("assignTeam")}
          className={select}
          value=""
          disabled={busy}
          onChange={(e) => e.target.value && run({ fields: { team_id: e.target.value === "none" ? null : Number(e.target.value) } })}
        >
          <option value="">{t("assignTeam")}</option>
          <option value="none">{t("noTeam")}</option>
          {teams.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      )}
      {labels.length > 0 && (
        <>
          <select aria-label={t("addLabel")} className={select} value="" disabled={busy} onChange={(e) => e.target.value && run({ labels: { add: [e.target.value] } })}>
            <option value="">{t("addLabel")}</option>
            {labels.map((l) => (
              <option key={l.id} value={l.title}>
                {l.title}
              </option>
            ))}
          </select>
          <select aria-label={t("removeLabel")} className={select} value="" disabled={busy} onChange={(e) => e.target.value && run({ labels: { remove: [e.target.value] } })}>
            <option value="">{t("removeLabel")}</option>
            {labels.map((l) => (
              <option key={l.id} value={l.title}>
                {l.title}
              </option>
            ))}
          </select>
        </>
      )}
      <div onPointerDownCapture={loadMacros} onKeyDownCapture={loadMacros}>
        <MenuButton label={t("runMacro")} align="left" buttonClassName={`h-7! px-2! text-xs! font-medium ${busy ? "pointer-events-none opacity-50" : ""}`} button={<span>{t("runMacro")}</span>}>
          {(close) =>
            !macros?.length ? (
              <p className="px-2.5 py-1.5 text-sm text-slate-500 dark:text-slate-400">{macros === null ? t("loadingMacros") : t("noMacros")}</p>
            ) : (
              macros.map((m) => (
                <MenuItem
                  key={m.id}
                  onSelect={() => {
                    close();
                    void runMacro(m);
                  }}
                >
                  {m.name}
                </MenuItem>
              ))
            )
          }
        </MenuButton>
      </div>
      <button type="button" className={`${button} ml-auto`} onClick={onClear} disabled={busy}>
        {t("clear")}
      </button>
      {note && (
        <p role="status" className="w-full text-xs text-slate-700 dark:text-slate-200">
          {note}
        </p>
      )}
    </div>
  );
}
