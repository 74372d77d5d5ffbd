"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ConversationPane } from "@/components/conversation/conversation-pane";
import type { CustomAttribute, SavedView } from "@/components/workflow/filter-conditions";
import type { OperatorCounts } from "@/lib/conversations/operator-counts";
import { ConversationList } from "./conversation-list";
import { NotificationsBell, useNotifications } from "./notifications-panel";
import type { ListFilter, Row, View } from "./list-model";
import { OperatorContext, type Availability, type Operator, type OperatorAgent, type OperatorInbox, type OperatorLabel, type OperatorMe, type OperatorTeam } from "./operator-context";
import { PickConversation } from "./pick-conversation";
import { ShortcutsDialog, useShortcutHelp } from "./shortcuts-dialog";
import { Sidebar } from "./sidebar";
import { StreamBanner } from "./stream-banner";
import { useAlerts } from "./use-alerts";
import { useConversationList } from "./use-conversation-list";
import { useCounts, type LoadCounts } from "./use-counts";
import { useEventRouting } from "./use-event-routing";
import { useOperatorStream } from "./use-operator-stream";
import { DEFAULT_PLACE, parsePlace, placeQuery, type OperatorPlace } from "./url-state";

export type OperatorInitial = {
  accountId: number;
  accountName: string;
  me: OperatorMe;
  agents: OperatorAgent[];
  inboxes: OperatorInbox[];
  labels: OperatorLabel[];
  teams: OperatorTeam[];
  counts: OperatorCounts;
  filter: ListFilter;
  rows: Row[];
  nextCursor: string | null;
  /** A saved view's total (its answer's all_count) when the page opened on one. */
  total?: number | null;
  /** The caller's saved views (custom filters of filter_type conversation, WF4). */
  savedViews: SavedView[];
  /** The account's custom attribute definitions, for the filter builder. */
  customAttributes: CustomAttribute[];
  /** The stream position the data was read at: the stream resumes after it (E5). */
  streamAfter: string;
  renderedAt: number;
};

const VIEW_TITLE = { mine: "mine", unassigned: "unassigned", all: "allTitle" } as const satisfies Record<View, string>;

/**
 * The operator app (SPEC §9): owns the place (in the URL), the list, the counts, the agents' presence
 * and the one event stream, and hands the pane what operator-context.tsx promises.
 */
export function OperatorApp({ initial, loadCounts }: { initial: OperatorInitial; loadCounts: LoadCounts }) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const place = useMemo(() => parsePlace(searchParams), [searchParams]);
  const { view, status, sort, inboxId, label, teamId, viewId } = place;
  const [savedViews, setSavedViews] = useState(initial.savedViews);
  // WF3: conditions applied from the builder without saving live in the URL (`filter=`) like the rest
  // of the place, so a reload, a link and back/forward keep them; any other navigation leaves them.
  const draft = place.conditions ?? null;
  const openView = viewId != null ? (savedViews.find((v) => v.id === viewId) ?? null) : null;
  const conditions = draft ?? openView?.conditions ?? null;
  const filter = useMemo<ListFilter>(() => ({ view, status, sort, inboxId, label, teamId, viewId, conditions }), [view, status, sort, inboxId, label, teamId, viewId, conditions]);
  const [me, setMe] = useState(initial.me);
  const [agents, setAgents] = useState(initial.agents);
  const [menuOpen, setMenuOpen] = useState(false);
  const help = useShortcutHelp();
  const t = useTranslations("operator");

  const go = useCallback(
    (next: OperatorPlace) => {
      const url = `${pathname}${placeQuery(next)}`;
      if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, "", url);
    },
    [pathname],
  );
  const selectConversation = useCallback((id: number | null) => go({ ...parsePlace(new URLSearchParams(window.location.search)), conversation: id }), [go]);
  const hrefFor = useCallback((p: Partial<OperatorPlace>) => `${pathname}${placeQuery({ ...place, ...p })}`, [pathname, place]);

  const { counts, refresh: refreshCounts, refreshNow: refreshCountsNow, markRead } = useCounts({ accountId: initial.accountId, status, inboxId, initial: initial.counts, load: loadCounts });
  const rows = useConversationList({ accountId: initial.accountId, meId: me.id, filter, initial, agents });
  const { reload, onEvent: applyToList } = rows;
  // The counts depend on the status and the inbox: a change asks at once (the first ones came with the page).
  const countedFor = useRef(`${initial.filter.status}|${initial.filter.inboxId}`);
  useEffect(() => {
    if (countedFor.current === `${status}|${inboxId}`) return;
    countedFor.current = `${status}|${inboxId}`;
    refreshCountsNow();
  }, [status, inboxId, refreshCountsNow]);

  const unread = Object.values(counts.inboxUnread).reduce((n, c) => n + c, 0);
  const alerts = useAlerts(unread);

  const stream = useOperatorStream({
    accountId: initial.accountId,
    startAfter: initial.streamAfter,
    // After a gap (or a resync) the replay has run; refetch anyway so nothing shown is stale (E5).
    onCatchUp: () => {
      reload(true);
      refreshCountsNow();
    },
  });

  const { subscribe } = stream;
  useEventRouting({ subscribe, applyToList, refreshCounts, setAgents, alert: alerts.alert, selectConversation });
  const notifications = useNotifications({ accountId: initial.accountId, selectedId: place.conversation, subscribe, alert: alerts.alert, selectConversation });

  // The narrow layout's menu takes the focus when it opens (its current view, else its first link),
  // closes with Escape like any overlay, and hands the focus back to the menu button.
  const sidebarRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const nav = sidebarRef.current;
    (nav?.querySelector<HTMLElement>('a[aria-current="page"]') ?? nav?.querySelector<HTMLElement>("a[href], button"))?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setMenuOpen(false);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      const at = document.activeElement;
      if (opener?.isConnected && (!at || at === document.body || nav?.contains(at))) opener.focus();
    };
  }, [menuOpen]);

  const setAvailability = useCallback(
    async (availability: Availability) => {
      const res = await fetch("/api/v1/profile/availability", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ profile: { account_id: initial.accountId, availability } }),
      });
      if (!res.ok) throw new Error(t("availability.notChanged", { status: res.status }));
      // presence.update brings the effective state; until then show the choice.
      setMe((m) => ({ ...m, availability }));
    },
    [initial.accountId, t],
  );

  const { patch } = rows;
  // Reading a conversation that held unread messages takes it off its inbox's sidebar badge and the
  // tab title at once (U6): the agent's own update_last_seen brings no event to re-read the counts on.
  const listRows = useRef(rows.list.rows);
  useEffect(() => {
    listRows.current = rows.list.rows;
  });
  const patchConversation = useCallback(
    (displayId: number, p: Record<string, unknown>) => {
      const row = listRows.current.find((r) => r.id === displayId);
      if (row && row.unread > 0 && p.unread_count === 0) markRead(row.inboxId);
      patch(displayId, p);
    },
    [patch, markRead],
  );
  const operator = useMemo<Operator>(
    () => ({
      accountId: initial.accountId,
      me,
      agents,
      inboxes: initial.inboxes,
      labels: initial.labels,
      teams: initial.teams,
      connection: stream.connection,
      subscribe,
      patchConversation,
      countsChanged: refreshCounts,
      selectedId: place.conversation,
      selectConversation,
    }),
    [initial.accountId, initial.inboxes, initial.labels, initial.teams, me, agents, stream.connection, subscribe, patchConversation, refreshCounts, place.conversation, selectConversation],
  );

  const inboxNames = useMemo(() => new Map(initial.inboxes.map((i) => [i.id, i.name])), [initial.inboxes]);
  const availability = useMemo(() => new Map(agents.map((a) => [a.id, a.availability])), [agents]);
  const inboxName = inboxId === null ? null : (inboxNames.get(inboxId) ?? t("list.inbox"));
  const viewTitle = t(`views.${VIEW_TITLE[view]}`);
  const teamName = teamId != null ? (initial.teams.find((x) => x.id === teamId)?.name ?? null) : null;
  const base = inboxName ? (view === "all" ? inboxName : `${inboxName} · ${viewTitle}`) : viewTitle;
  const title = draft ? t("list.filtered") : openView ? openView.name : label ? `${label} · ${base}` : teamName ? `${teamName} · ${base}` : base;
  const selected = place.conversation;

  return (
    <OperatorContext.Provider value={operator}>
      <div className="flex h-dvh min-h-0 overflow-hidden">
        <a
          href="#conversation-list"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white dark:focus:bg-slate-900 focus:px-3 focus:py-1.5 focus:text-sm focus:shadow"
        >
          {t("skipToList")}
        </a>
        <StreamBanner stream={stream} pathname={pathname} />
        <Sidebar
          navRef={sidebarRef}
          className={menuOpen ? "fixed inset-y-0 left-0 z-40 flex shadow-xl lg:static lg:shadow-none" : "hidden lg:flex"}
          accountId={initial.accountId}
          accountName={initial.accountName}
          me={me}
          // What colleagues see (P2): the choice while this tab holds the stream (that is presence, P1).
          shownAvailability={stream.connection === "live" ? me.availability : (agents.find((a) => a.id === me.id)?.availability ?? "offline")}
          view={view}
          inboxId={inboxId}
          label={label ?? null}
          teamId={teamId ?? null}
          labels={initial.labels}
          teams={initial.teams}
          counts={counts.views}
          inboxes={initial.inboxes}
          inboxUnread={counts.inboxUnread}
          viewId={openView?.id ?? null}
          savedViews={savedViews}
          hrefFor={(c) => hrefFor({ viewId: null, conditions: null, ...c, conversation: selected })}
          onNavigate={(c) => {
            setMenuOpen(false);
            go({ ...place, viewId: null, conditions: null, ...c });
          }}
          onAvailability={setAvailability}
          notifications={alerts.permission}
          onEnableNotifications={alerts.enable}
          bell={
            <NotificationsBell
              state={notifications}
              onOpenConversation={(id) => {
                setMenuOpen(false);
                selectConversation(id);
              }}
            />
          }
        />
        {menuOpen && <div aria-hidden className="fixed inset-0 z-30 bg-slate-900/40 lg:hidden" onClick={() => setMenuOpen(false)} />}
        <ConversationList
          className={selected !== null ? "hidden lg:flex" : "flex"}
          title={title}
          total={conditions ? (rows.list.total ?? rows.list.rows.length) : counts.list[view]}
          filter={filter}
          list={rows.list}
          selectedId={selected}
          inboxNames={inboxNames}
          availability={availability}
          hrefFor={(id) => hrefFor({ conversation: id })}
          onSelect={selectConversation}
          onFilter={(change) => go({ ...place, ...change })}
          onLoadMore={rows.loadMore}
          onRetry={() => (rows.list.rows.length ? rows.retryMore() : reload())}
          onOpenMenu={() => setMenuOpen(true)}
          renderedAt={initial.renderedAt}
          filtering={{
            customAttributes: initial.customAttributes,
            view: draft ? null : openView,
            onApply: (next) => {
              // Changing a saved view's conditions without saving leaves the view (its link keeps its own).
              go({ ...place, viewId: null, conditions: next });
            },
            onSaved: (saved) => {
              setSavedViews((vs) => [...vs, saved]);
              go({ ...DEFAULT_PLACE, viewId: saved.id });
            },
            onClear: () => go({ ...place, viewId: null, conditions: null }),
            onRenamed: (renamed) => setSavedViews((vs) => vs.map((v) => (v.id === renamed.id ? renamed : v))),
            onDeleted: (id) => {
              setSavedViews((vs) => vs.filter((v) => v.id !== id));
              go({ ...place, viewId: null, conditions: null });
            },
          }}
        />
        <div className={`min-w-0 flex-1 ${selected !== null ? "flex" : "hidden lg:flex"}`}>
          {selected !== null ? <ConversationPane key={selected} displayId={selected} onBack={() => selectConversation(null)} /> : <PickConversation />}
        </div>
      </div>
      <ShortcutsDialog open={help.open} onClose={help.close} />
    </OperatorContext.Provider>
  );
}
