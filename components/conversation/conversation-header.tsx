"use client";

import { useLocale, useTranslations } from "next-intl";
import { useOperator, type OperatorAgent } from "@/components/operator/operator-context";
import { Avatar } from "@/components/ui/avatar";
import { AssigneePicker } from "./assignee-picker";
import { LabelsControl } from "./labels-control";
import { TeamPicker } from "./team-picker";
import type { ConversationView, Priority, TeamView } from "./conversation-view";
import { MenuButton, MenuItem } from "./menu-button";
import { SNOOZE_PRESETS, type SnoozePreset } from "./snooze-presets";

const STATUS_STYLE: Record<ConversationView["status"], string> = {
  open: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  pending: "bg-sky-50 text-sky-700 ring-sky-200",
  snoozed: "bg-violet-50 text-violet-700 ring-violet-200",
  resolved: "bg-slate-100 text-slate-600 ring-slate-200",
};
const PRIORITIES = [
  { value: null, label: "none", dot: "bg-slate-300" },
  { value: "low", label: "low", dot: "bg-slate-500" },
  { value: "medium", label: "medium", dot: "bg-sky-500" },
  { value: "high", label: "high", dot: "bg-orange-500" },
  { value: "urgent", label: "urgent", dot: "bg-red-600" },
] as const satisfies readonly { value: Priority; label: string; dot: string }[];

const PRESET_KEY = { "1 hour": "oneHour", Tomorrow: "tomorrow", "Next week": "nextWeek", "Until next reply": "nextReply" } as const satisfies Record<SnoozePreset, string>;

/** SPEC U1: the contact, inbox and status, and every action on the conversation. */
export function ConversationHeader({
  view,
  panelOpen,
  onTogglePanel,
  onBack,
  actions,
}: {
  view: ConversationView;
  panelOpen: boolean;
  onTogglePanel: () => void;
  onBack?: () => void;
  actions: {
    busy: boolean;
    setStatus: (s: "open" | "resolved") => void;
    snooze: (p: SnoozePreset) => void;
    setPriority: (p: Priority) => void;
    assign: (a: OperatorAgent | null) => void;
    setLabels: (labels: string[]) => void;
    setTeam: (team: TeamView | null) => void;
  };
}) {
  const { inboxes } = useOperator();
  const t = useTranslations("conversation.header");
  const tStatus = useTranslations("conversation.status");
  const locale = useLocale();
  const inbox = inboxes.find((i) => i.id === view.inbox_id)?.name ?? t("inbox");
  const priority = PRIORITIES.find((p) => p.value === view.priority) ?? PRIORITIES[0];
  const snoozedText = (until: string | null) =>
    until ? t("snoozedUntil", { time: new Date(until).toLocaleString(locale, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }) }) : t("snoozedUntilReply");
  const resolved = view.status === "resolved";

  const reopens = resolved || view.status === "snoozed";

  return (
    <header className="border-b border-slate-200 bg-white px-4 pt-2.5 pb-2">
      <div className="flex items-center gap-3">
        {onBack && (
          <button type="button" onClick={onBack} className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 lg:hidden">
            {t("back")}
          </button>
        )}
        <Avatar name={view.contact.name || t("visitor")} />
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold text-slate-900">{view.contact.name || t("visitor")}</h2>
          <p className="flex items-center gap-2 truncate text-xs text-slate-500">
            <span className="truncate">{inbox}</span>
            <span aria-hidden>·</span>
            <span>#{view.id}</span>
            <span data-testid="conversation-status" className={`rounded px-1.5 py-0.5 font-medium ring-1 ring-inset ${STATUS_STYLE[view.status]}`}>
              {tStatus(view.status)}
            </span>
          </p>
        </div>
        {!resolved && (
          <MenuButton label={t("snooze")} button={<span>{t("snooze")}</span>}>
            {(close) =>
              SNOOZE_PRESETS.map((preset) => (
                <MenuItem
                  key={preset}
                  onSelect={() => {
                    close();
                    actions.snooze(preset);
                  }}
                >
                  {t(`snoozePreset.${PRESET_KEY[preset]}`)}
                </MenuItem>
              ))
            }
          </MenuButton>
        )}
        <button
          type="button"
          aria-keyshortcuts="Alt+E"
          title={reopens ? t("reopenHint") : t("resolveHint")}
          onClick={() => actions.setStatus(reopens ? "open" : "resolved")}
          className={`h-8 shrink-0 rounded-md px-3 text-sm font-medium text-white ${reopens ? "bg-slate-700 hover:bg-slate-800" : "bg-emerald-600 hover:bg-emerald-700"}`}
        >
          {reopens ? t("reopen") : t("resolve")}
        </button>
        <button
          type="button"
          aria-label={t("contactDetails")}
          aria-expanded={panelOpen}
          aria-controls="contact-panel"
          aria-keyshortcuts="Alt+O"
          title={t("contactDetailsHint")}
          onClick={onTogglePanel}
          className={`inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-md border ${panelOpen ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-200 bg-white text-slate-600 hover:bg-slate-50"}`}
        >
          <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6">
            <rect x="2.5" y="3.5" width="15" height="13" rx="2" />
            <path d="M12.5 3.5v13" />
          </svg>
        </button>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2 pl-12">
        <AssigneePicker inboxId={view.inbox_id} assignee={view.assignee} onAssign={actions.assign} />
        <TeamPicker team={view.team} onChange={actions.setTeam} />
        <MenuButton
          label={t("priorityIs", { priority: t(`priorities.${priority.label}`) })}
          title={t("priority")}
          align="left"
          button={
            <>
              <span aria-hidden className={`h-2 w-2 rounded-full ${priority.dot}`} />
              <span>{priority.value ? t(`priorities.${priority.label}`) : t("noPriority")}</span>
            </>
          }
        >
          {(close) =>
            PRIORITIES.map((p) => (
              <MenuItem
                key={p.label}
                checked={p.value === view.priority}
                onSelect={() => {
                  close();
                  if (p.value !== view.priority) actions.setPriority(p.value);
                }}
              >
                <span aria-hidden className={`h-2 w-2 rounded-full ${p.dot}`} />
                {t(`priorities.${p.label}`)}
              </MenuItem>
            ))
          }
        </MenuButton>
        {view.status === "snoozed" && <span className="text-xs text-violet-700">{snoozedText(view.snoozed_until)}</span>}
      </div>
      <div className="mt-1.5 pl-12">
        <LabelsControl labels={view.labels} onChange={actions.setLabels} />
      </div>
    </header>
  );
}
