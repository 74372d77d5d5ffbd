"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Avatar } from "@/components/ui/avatar";
import type { ViewCounts } from "@/lib/conversations/operator-counts";
import { AvailabilitySwitch } from "./availability-switch";
import type { View } from "./list-model";
import type { Availability, OperatorInbox, OperatorLabel, OperatorMe, OperatorTeam } from "./operator-context";
import { SignOutButton } from "./sign-out-button";
import type { SavedView } from "@/components/workflow/filter-conditions";

const VIEWS: View[] = ["mine", "unassigned", "all"];

/** Where a sidebar entry leads: a view, an inbox, a label, a team or a saved view (the others cleared). */
export type SidebarChange = { view: View; inboxId: number | null; label: string | null; teamId: number | null; viewId?: number | null };

/**
 * The left column (SPEC U1): views with live counts, inboxes with unread counts, the agent's own
 * availability, notifications, profile, settings (administrators) and sign-out.
 */
export function Sidebar({
  navRef,
  ...props
}: {
  accountId: number;
  accountName: string;
  me: OperatorMe;
  shownAvailability: Availability;
  view: View;
  inboxId: number | null;
  label: string | null;
  teamId: number | null;
  /** The saved view open in the list (WF4), and the caller's saved views. */
  viewId: number | null;
  savedViews: SavedView[];
  labels: OperatorLabel[];
  teams: OperatorTeam[];
  counts: ViewCounts;
  inboxes: OperatorInbox[];
  inboxUnread: Record<number, number>;
  hrefFor(change: SidebarChange): string;
  onNavigate(change: SidebarChange): void;
  onAvailability(a: Availability): Promise<void>;
  notifications: "unsupported" | "default" | "granted" | "denied";
  onEnableNotifications(): void;
  /** The notifications bell and panel (NT1), under the account name. */
  bell?: React.ReactNode;
  className?: string;
  /** The nav element: the narrow layout's menu moves the focus into it. */
  navRef?: React.Ref<HTMLElement>;
}) {
  const t = useTranslations("operator.sidebar");
  const tView = useTranslations("operator.views");
  const base = `/app/accounts/${props.accountId}`;
  const item = (active: boolean) =>
    `flex items-center justify-between gap-2 rounded-md px-2.5 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${active ? "bg-white/10 text-white" : "text-slate-300 hover:bg-white/5 hover:text-white"}`;
  const tw = useTranslations("workflow.sidebar");
  const go = (change: SidebarChange) => (e: React.MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    props.onNavigate(change);
  };
  return (
    <nav ref={navRef} aria-label={t("label")} className={`w-60 shrink-0 flex-col bg-slate-900 text-slate-200 ${props.className ?? ""}`}>
      <div className="flex items-center gap-2 px-4 py-4">
        <span aria-hidden className="inline-flex h-7 w-7 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white">
          P
        </span>
        <div className="min-w-0">
          <p className="text-sm font-semibold text-white">Parley</p>
          <p className="truncate text-xs text-slate-400">{props.accountName}</p>
        </div>
      </div>
      {props.bell && <div className="px-2 pb-2">{props.bell}</div>}
      <div className="flex-1 space-y-5 overflow-y-auto px-2 pb-4">
        <div>
          <h2 className="px-2.5 pb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{t("conversations")}</h2>
          <ul className="space-y-0.5">
            {VIEWS.map((v) => {
              const active = props.inboxId === null && !props.label && props.teamId === null && props.viewId === null && props.view === v;
              const change = { view: v, inboxId: null, label: null, teamId: null };
              return (
                <li key={v}>
                  <a href={props.hrefFor(change)} onClick={go(change)} aria-current={active ? "page" : undefined} className={item(active)}>
                    <span>{tView(v)}</span>
                    <span className="text-xs text-slate-400 tabular-nums">{props.counts[v]}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
        <div>
          <Link href={`${base}/contacts`} className={item(false)}>
            <span>{t("contacts")}</span>
          </Link>
        </div>
        <div>
          <h2 className="px-2.5 pb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{t("inboxes")}</h2>
          <ul className="space-y-0.5">
            {props.inboxes.map((inbox) => {
              const active = props.inboxId === inbox.id && !props.label && props.teamId === null && props.viewId === null;
              const unread = props.inboxUnread[inbox.id] ?? 0;
              const change = { view: "all" as const, inboxId: inbox.id, label: null, teamId: null };
              return (
                <li key={inbox.id}>
                  <a href={props.hrefFor(change)} onClick={go(change)} aria-current={active ? "page" : undefined} className={item(active)}>
                    <span className="truncate">{inbox.name}</span>
                    {unread > 0 && (
                      <span className="rounded-full bg-brand-600 px-1.5 text-[11px] font-semibold text-white tabular-nums" aria-label={t("unread", { count: unread })}>
                        {unread}
                      </span>
                    )}
                  </a>
                </li>
              );
            })}
            {!props.inboxes.length && <li className="px-2.5 py-1.5 text-xs text-slate-400">{t("noInboxes")}</li>}
          </ul>
        </div>
        {props.savedViews.length > 0 && (
          <div>
            <h2 className="px-2.5 pb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{tw("views")}</h2>
            <ul className="space-y-0.5" aria-label={tw("views")}>
              {props.savedViews.map((v) => {
                const change = { view: "all" as const, inboxId: null, label: null, teamId: null, viewId: v.id };
                const active = props.viewId === v.id;
                return (
                  <li key={v.id}>
                    <a href={props.hrefFor(change)} onClick={go(change)} aria-current={active ? "page" : undefined} className={item(active)}>
                      <span className="flex min-w-0 items-center gap-2">
                        <svg aria-hidden viewBox="0 0 20 20" className="h-3 w-3 shrink-0 text-slate-400" fill="none" stroke="currentColor" strokeWidth="2">
                          <path d="M3 4h14l-5.5 6.5V16l-3 1.5v-7L3 4z" strokeLinejoin="round" />
                        </svg>
                        <span className="truncate">{v.name}</span>
                      </span>
                    </a>
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {props.teams.some((x) => x.isMember) && (
          <div>
            <h2 className="px-2.5 pb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{tw("teams")}</h2>
            <ul className="space-y-0.5">
              {props.teams
                .filter((x) => x.isMember)
                .map((team) => {
                  const change = { view: "all" as const, inboxId: null, label: null, teamId: team.id };
                  const active = props.teamId === team.id && props.viewId === null;
                  return (
                    <li key={team.id}>
                      <a href={props.hrefFor(change)} onClick={go(change)} aria-current={active ? "page" : undefined} className={item(active)}>
                        <span className="truncate">{team.name}</span>
                      </a>
                    </li>
                  );
                })}
            </ul>
          </div>
        )}
        {props.labels.some((l) => l.showOnSidebar) && (
          <div>
            <h2 className="px-2.5 pb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{tw("labels")}</h2>
            <ul className="space-y-0.5">
              {props.labels
                .filter((l) => l.showOnSidebar)
                .map((l) => {
                  const change = { view: "all" as const, inboxId: null, label: l.title, teamId: null };
                  const active = props.label === l.title && props.viewId === null;
                  return (
                    <li key={l.id}>
                      <a href={props.hrefFor(change)} onClick={go(change)} aria-current={active ? "page" : undefined} className={item(active)}>
                        <span className="flex min-w-0 items-center gap-2">
                          <span aria-hidden className="h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: l.color }} />
                          <span className="truncate">{l.title}</span>
                        </span>
                      </a>
                    </li>
                  );
                })}
            </ul>
          </div>
        )}
      </div>
      <div className="space-y-3 border-t border-white/10 p-3">
        <AvailabilitySwitch value={props.me.availability} shown={props.shownAvailability} onChange={props.onAvailability} />
        {props.notifications === "default" && (
          <button type="button" onClick={props.onEnableNotifications} className="w-full rounded-md border border-white/15 px-2 py-1 text-left text-xs text-slate-300 hover:bg-white/5 hover:text-white">
            {t("enableNotifications")}
          </button>
        )}
        <div className="flex items-center gap-2">
          <Avatar name={props.me.name} size="sm" />
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm text-white">{props.me.name}</p>
            <p className="truncate text-xs text-slate-400">{props.me.email}</p>
          </div>
        </div>
        <div className="flex items-center gap-3 text-xs">
          <Link href={`${base}/profile`} className="text-slate-300 hover:text-white">
            {t("profile")}
          </Link>
          {props.me.role === "administrator" && (
            <Link href={`${base}/reports`} className="text-slate-300 hover:text-white">
              {t("reports")}
            </Link>
          )}
          {props.me.role === "administrator" && (
            <Link href={`${base}/settings`} className="text-slate-300 hover:text-white">
              {t("settings")}
            </Link>
          )}
          <SignOutButton />
        </div>
      </div>
    </nav>
  );
}
