"use client";

import { useLocale, useTranslations } from "next-intl";
import { memo, type MouseEvent } from "react";
import { Avatar } from "@/components/ui/avatar";
import { PaperclipIcon } from "@/components/ui/icons";
import { compactAgo } from "@/components/ui/relative-time";
import { AVAILABILITY_DOT } from "./availability-switch";
import { waitingTone, type Row } from "./list-model";
import { LabelChip } from "./label-chip";
import { useOperator, type Availability } from "./operator-context";

const PRIORITY: Record<string, string> = {
  urgent: "bg-rose-100 dark:bg-rose-500/20 text-rose-700 dark:text-rose-200",
  high: "bg-orange-100 dark:bg-orange-500/20 text-orange-700 dark:text-orange-300",
  medium: "bg-amber-100 dark:bg-amber-500/20 text-amber-800 dark:text-amber-200",
  low: "bg-slate-100 dark:bg-slate-800 text-slate-600 dark:text-slate-400",
};
const TONE = { none: "", calm: "bg-emerald-400", amber: "bg-amber-400", red: "bg-rose-500" } as const;

export const CARD_HEIGHT = 92;

const isPriority = (p: string): p is "urgent" | "high" | "medium" | "low" => p in PRIORITY;

/**
 * One compact card (SPEC U1): avatar, contact, relative time, preview with notes marked, unread
 * badge, inbox, number, priority, assignee, and a waiting-time bar (amber past 15 minutes, red past
 * an hour). A real link, so it opens in a new tab too; a plain click selects without a reload.
 */
export const ConversationCard = memo(function ConversationCard(props: {
  row: Row;
  href: string;
  inboxName: string;
  active: boolean;
  /** The assignee's presence (SPEC P2), kept live by presence.update. */
  assigneeAvailability: Availability | null;
  nowSeconds: number;
  onSelect(id: number): void;
}) {
  const { row, active } = props;
  const t = useTranslations("operator.card");
  const tp = useTranslations("priority");
  const ta = useTranslations("availability");
  const locale = useLocale();
  const { labels: accountLabels } = useOperator();
  const tone = waitingTone(row, props.nowSeconds);
  const waited = row.waitingSince ? compactAgo(new Date(row.waitingSince * 1000), new Date(props.nowSeconds * 1000), locale) : null;
  const p = row.preview;
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    props.onSelect(row.id);
  };
  return (
    <a
      href={props.href}
      onClick={onClick}
      aria-current={active ? "true" : undefined}
      data-conversation-id={row.id}
      style={{ height: CARD_HEIGHT }}
      className={`relative flex gap-3 border-b border-slate-100 dark:border-slate-800 px-4 py-2.5 outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-inset ${active ? "bg-brand-50 dark:bg-brand-500/15" : "bg-white dark:bg-slate-900 hover:bg-slate-50 dark:hover:bg-slate-800"}`}
    >
      {tone !== "none" && <span className={`absolute top-0 left-0 h-full w-1 ${TONE[tone]}`} title={t("waitingFor", { time: waited ?? "" })} aria-hidden />}
      <Avatar name={row.contactName || t("visitor")} />
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="flex items-baseline gap-2">
          <span data-field="contact" className={`truncate text-sm ${row.unread > 0 ? "font-semibold text-slate-900 dark:text-slate-100" : "font-medium text-slate-800 dark:text-slate-200"}`}>
            {row.contactName || t("visitor")}
          </span>
          {(tone === "amber" || tone === "red") && (
            <span
              className={`ml-auto shrink-0 rounded px-1 text-[11px] font-medium whitespace-nowrap ${tone === "red" ? "bg-rose-50 dark:bg-rose-500/10 text-rose-700 dark:text-rose-200" : "bg-amber-50 dark:bg-amber-500/10 text-amber-800 dark:text-amber-200"}`}
            >
              {t("waiting", { time: waited ?? "" })}
            </span>
          )}
          <time
            dateTime={new Date(row.lastActivityAt * 1000).toISOString()}
            className={`${tone === "amber" || tone === "red" ? "" : "ml-auto"} shrink-0 text-xs text-slate-600 dark:text-slate-400 tabular-nums`}
          >
            {compactAgo(new Date(row.lastActivityAt * 1000), new Date(props.nowSeconds * 1000), locale)}
          </time>
        </span>
        <span className="mt-0.5 flex items-center gap-2">
          <span className={`min-w-0 flex-1 truncate text-[13px] ${row.unread > 0 ? "text-slate-800 dark:text-slate-200" : "text-slate-600 dark:text-slate-400"}`}>
            {p?.private && <span className="mr-1 rounded bg-amber-100 dark:bg-amber-500/20 px-1 py-px text-[10px] font-semibold text-amber-800 dark:text-amber-200 uppercase">{t("note")}</span>}
            {p && !p.incoming && !p.private && <span className="text-slate-600 dark:text-slate-400">↩ </span>}
            {p ? (
              p.content ||
              (p.attachments ? (
                <>
                  <PaperclipIcon className="mr-0.5 inline h-3.5 w-3.5 align-[-2px]" />
                  {t("attachments", { count: p.attachments })}
                </>
              ) : (
                ""
              ))
            ) : (
              <span className="italic">{t("noMessages")}</span>
            )}
          </span>
          {row.unread > 0 && (
            <span className="shrink-0 rounded-full bg-brand-600 px-1.5 text-[11px] leading-[18px] font-semibold text-white tabular-nums" aria-label={t("unread", { count: row.unread })}>
              {row.unread > 99 ? "99+" : row.unread}
            </span>
          )}
        </span>
        <span className="mt-1 flex min-w-0 items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
          <span className="min-w-0 truncate">{props.inboxName}</span>
          <span aria-hidden>·</span>
          <span className="shrink-0 tabular-nums">#{row.id}</span>
          {row.priority && (
            <span className={`shrink-0 rounded px-1 py-px text-[10px] font-semibold uppercase ${PRIORITY[row.priority] ?? PRIORITY.low}`}>
              {isPriority(row.priority) ? tp(row.priority) : row.priority}
            </span>
          )}
          {row.teamName && (
            <span className="max-w-[6rem] shrink-0 truncate rounded bg-slate-100 px-1 py-px text-[10px] text-slate-600 dark:bg-slate-700 dark:text-slate-200" data-field="team">
              {row.teamName}
            </span>
          )}
          {(row.labels ?? []).slice(0, 2).map((l) => (
            <span key={l} className="min-w-0 shrink" data-field="label">
              <LabelChip title={l} color={accountLabels.find((x) => x.title === l)?.color ?? "#94a3b8"} />
            </span>
          ))}
          {(row.labels ?? []).length > 2 && <span className="shrink-0 text-[10px]">+{(row.labels ?? []).length - 2}</span>}
          <span className="ml-auto flex max-w-[45%] min-w-0 shrink-0 items-center gap-1 truncate pl-1">
            {row.assigneeId !== null ? (
              <>
                <span className="sr-only">{t("assignedTo")}</span>
                {props.assigneeAvailability && <span className={`h-1.5 w-1.5 shrink-0 rounded-full ${AVAILABILITY_DOT[props.assigneeAvailability]}`} title={ta(props.assigneeAvailability)} />}
                <span className="truncate">{row.assigneeName ?? t("assigned")}</span>
              </>
            ) : (
              <span className="text-slate-600 dark:text-slate-400">{t("unassigned")}</span>
            )}
          </span>
        </span>
      </span>
    </a>
  );
});
