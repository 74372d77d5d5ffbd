"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { SearchBox } from "@/components/search/search-box";
import { FilterBar } from "@/components/workflow/filter-bar";
import { FilterBuilder } from "@/components/workflow/filter-builder";
import type { CustomAttribute, FilterCondition, SavedView } from "@/components/workflow/filter-conditions";
import { BulkToolbar } from "./bulk-toolbar";
import { CARD_HEIGHT, ConversationCard } from "./conversation-card";
import { SORTS, STATUSES, type ListFilter, type Row, type Sort } from "./list-model";
import type { Availability } from "./operator-context";
import { useNowSeconds } from "./use-now";

export type ListState = {
  rows: Row[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** How many conversations a filter with conditions matches (its answer's all_count); null otherwise. */
  total?: number | null;
};

/**
 * The middle column (SPEC U1): status tabs, sort, and the cards — virtualised (only the visible
 * rows are in the DOM, so 10,000 conversations scroll like 10) and keyset-paged as the end comes
 * into view. Alt+J / Alt+K move the selection (U4) and keep it in view.
 */
export function ConversationList(props: {
  title: string;
  total: number;
  filter: ListFilter;
  list: ListState;
  selectedId: number | null;
  inboxNames: Map<number, string>;
  availability: Map<number, Availability>;
  hrefFor(id: number): string;
  onSelect(id: number): void;
  onFilter(change: Partial<ListFilter>): void;
  onLoadMore(): void;
  onRetry(): void;
  onOpenMenu(): void;
  /** Epoch seconds of the server render (relative times hydrate to the same text). */
  renderedAt: number;
  /** WF3/WF4: the filter builder, and the saved view open in the list (null for none). */
  filtering: {
    customAttributes: CustomAttribute[];
    view: SavedView | null;
    onApply(conditions: FilterCondition[]): void;
    onSaved(view: SavedView): void;
    onClear(): void;
    onRenamed(view: SavedView): void;
    onDeleted(id: number): void;
  };
  className?: string;
}) {
  const { list, filter } = props;
  const t = useTranslations("operator.list");
  const tStatus = useTranslations("status");
  const tSort = useTranslations("sort");
  const scrollRef = useRef<HTMLDivElement>(null);
  const hasMore = list.nextCursor !== null;
  const nowSeconds = useNowSeconds(30_000, props.renderedAt);
  const tb = useTranslations("workflow.bulk");
  const tf = useTranslations("workflow.filter");
  const [building, setBuilding] = useState(false);
  // The builder hands the focus back to what opened it (the filter button or "Edit filter") when it closes.
  const filterButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const openBuilder = (open: boolean) => {
    opener.current = open ? (document.activeElement as HTMLElement | null) : null;
    setBuilding(open);
  };
  const closeBuilder = () => {
    setBuilding(false);
    const back = opener.current?.isConnected ? opener.current : filterButton.current;
    requestAnimationFrame(() => back?.focus());
  };
  const filtered = !!filter.conditions?.length;
  // WF5: the selection for bulk actions; a shift-click selects the range from the last one clicked.
  const [selected, setSelected] = useState<Set<number>>(() => new Set());
  const anchor = useRef<number | null>(null);
  const toggleSelected = (id: number, shift: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      const on = !current.has(id);
      const from = anchor.current === null ? -1 : list.rows.findIndex((r) => r.id === anchor.current);
      const to = list.rows.findIndex((r) => r.id === id);
      if (shift && from !== -1 && to !== -1) {
        for (let i = Math.min(from, to); i <= Math.max(from, to); i++) next.add(list.rows[i]!.id);
      } else if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    anchor.current = id;
  };
  // The virtualiser's API is not memoisable by design; this component is its only user.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: list.rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT,
    overscan: 8,
    // The server renders the first screenful, so the list is there before hydration.
    initialRect: { width: 352, height: 900 },
    getItemKey: (i) => list.rows[i]?.id ?? "more",
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : -1;

  // Opened on a link to a conversation further down: bring its card into view once.
  const revealed = useRef(false);
  useEffect(() => {
    if (revealed.current || list.loading) return;
    revealed.current = true;
    const at = list.rows.findIndex((r) => r.id === props.selectedId);
    if (at > 0) virtualizer.scrollToIndex(at, { align: "auto" });
  }, [list.loading, list.rows, props.selectedId, virtualizer]);

  // A new filter starts at the top.
  const filterKey = `${filter.view}|${filter.status}|${filter.sort}|${filter.inboxId}|${filter.label}|${filter.teamId}|${filter.viewId}|${JSON.stringify(filter.conditions ?? null)}`;
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setSelected(new Set());
  }, [filterKey]);

  // Paging: when the loader row (or a row close to the end) is on screen, ask for the next page.
  const { onLoadMore } = props;
  useEffect(() => {
    if (hasMore && !list.loadingMore && !list.loading && !list.error && lastIndex >= list.rows.length - 5) onLoadMore();
  }, [hasMore, lastIndex, list.rows.length, list.loadingMore, list.loading, list.error, onLoadMore]);

  // U4: Alt+J previous, Alt+K next (by physical key: Alt changes the character on a Mac).
  const rowsRef = useRef(list.rows);
  const selectedRef = useRef(props.selectedId);
  const selectRef = useRef(props.onSelect);
  useEffect(() => {
    rowsRef.current = list.rows;
    selectedRef.current = props.selectedId;
    selectRef.current = props.onSelect;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.code !== "KeyJ" && e.code !== "KeyK")) return;
      const rows = rowsRef.current;
      if (!rows.length) return;
      e.preventDefault();
      const at = rows.findIndex((r) => r.id === selectedRef.current);
      const next = at === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, at + (e.code === "KeyK" ? 1 : -1)));
      virtualizer.scrollToIndex(next, { align: "auto" });
      if (rows[next]!.id !== selectedRef.current) selectRef.current(rows[next]!.id);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [virtualizer]);

  // The tabs pattern: arrow keys move between statuses (and choose), Tab leaves for the list.
  const { onFilter } = props;
  const onTabKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    const to = e.key === "Home" ? 0 : e.key === "End" ? STATUSES.length - 1 : (STATUSES.indexOf(filter.status) + step + STATUSES.length) % STATUSES.length;
    if (!step && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    onFilter({ status: STATUSES[to] });
    document.getElementById(`status-tab-${STATUSES[to]}`)?.focus();
  };

  return (
    <section
      aria-label={t("label")}
      className={`flex min-h-0 w-full flex-col border-r border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 lg:w-[22rem] lg:shrink-0 xl:w-[24rem] ${props.className ?? ""}`}
    >
      <header className="border-b border-slate-200 dark:border-slate-700 px-4 pt-3">
        <div className="mb-2">
          <SearchBox />
        </div>
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <button
            type="button"
            onClick={props.onOpenMenu}
            className="-ml-1 rounded p-1 text-slate-600 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800 lg:hidden"
            aria-label={t("openMenu")}
          >
            <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
              <path d="M3 5h14M3 10h14M3 15h14" strokeLinecap="round" />
            </svg>
          </button>
          {/* Wraps rather than truncates (U12): "All conversations" and an inbox's name stay readable; the sort and filter move to a second row first. */}
          <h1 className="line-clamp-2 min-w-[9rem] text-base leading-snug font-semibold [overflow-wrap:anywhere] text-slate-900 dark:text-slate-100">{props.title}</h1>
          <span className="text-sm text-slate-500 dark:text-slate-400 tabular-nums" aria-label={t("total", { count: props.total })}>
            {props.total}
          </span>
          <label className="ml-auto flex shrink-0 items-center text-xs text-slate-500 dark:text-slate-400">
            <select
              aria-label={t("sortBy")}
              value={filter.sort}
              onChange={(e) => props.onFilter({ sort: e.target.value as Sort })}
              className="max-w-[8.5rem] rounded-md border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 py-1 pr-6 pl-2 text-xs text-slate-700 dark:text-slate-300"
            >
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {tSort(s)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            aria-label={tf("open")}
            title={tf("open")}
            ref={filterButton}
            aria-expanded={building}
            onClick={() => (building ? closeBuilder() : openBuilder(true))}
            className={`shrink-0 rounded-md border p-1 ${filtered || building ? "border-brand-500 text-brand-700 dark:text-brand-300" : "border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400"} hover:bg-slate-100 dark:hover:bg-slate-800`}
          >
            <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8">
              <path d="M3 4h14l-5.5 6.5V16l-3 1.5v-7L3 4z" strokeLinejoin="round" />
            </svg>
          </button>
        </div>
        {filtered ? (
          <FilterBar
            count={filter.conditions?.length ?? 0}
            view={props.filtering.view}
            onEdit={() => openBuilder(true)}
            onClear={props.filtering.onClear}
            onRenamed={props.filtering.onRenamed}
            onDeleted={props.filtering.onDeleted}
          />
        ) : (
          <div className="mt-2 flex gap-3 overflow-x-auto" role="tablist" aria-label={t("statusTabs")} onKeyDown={onTabKey}>
            {STATUSES.map((s) => (
              <button
                key={s}
                type="button"
                role="tab"
                id={`status-tab-${s}`}
                tabIndex={filter.status === s ? 0 : -1}
                aria-selected={filter.status === s}
                aria-controls="conversation-list"
                onClick={() => props.onFilter({ status: s })}
                className={`shrink-0 border-b-2 px-0.5 pb-2 text-[13px] ${filter.status === s ? "border-brand-500 font-medium text-brand-700 dark:text-brand-100" : "border-transparent text-slate-500 dark:text-slate-400 hover:text-slate-800 dark:hover:text-slate-100"}`}
              >
                {tStatus(s)}
              </button>
            ))}
          </div>
        )}
      </header>
      {building && (
        <FilterBuilder
          key={`${filter.viewId}|${JSON.stringify(filter.conditions ?? null)}`}
          initial={filter.conditions ?? []}
          customAttributes={props.filtering.customAttributes}
          onApply={(conditions) => {
            closeBuilder();
            props.filtering.onApply(conditions);
          }}
          onSaved={(view) => {
            closeBuilder();
            props.filtering.onSaved(view);
          }}
          onClose={closeBuilder}
        />
      )}
      <BulkToolbar ids={[...selected].filter((id) => list.rows.some((r) => r.id === id))} onClear={() => setSelected(new Set())} onSelectAll={() => setSelected(new Set(list.rows.map((r) => r.id)))} />
      <div
        id="conversation-list"
        role={filtered ? undefined : "tabpanel"}
        aria-labelledby={filtered ? undefined : `status-tab-${filter.status}`}
        tabIndex={-1}
        ref={scrollRef}
        className="min-h-0 flex-1 overflow-y-auto outline-none"
        aria-busy={list.loading}
      >
        {list.loading ? (
          <Skeleton />
        ) : list.error && !list.rows.length ? (
          <Message title={t("loadFailed")} body={list.error}>
            <button type="button" onClick={props.onRetry} className="mt-3 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              {t("tryAgain")}
            </button>
          </Message>
        ) : !list.rows.length ? (
          filtered ? (
            <Message title={tf("empty")} body={tf("emptyHint")} />
          ) : (
            <Message title={t("empty", { status: filter.status })} body={filter.status === "open" ? t("emptyOpenHint") : t("emptyOtherHint")} />
          )
        ) : (
          <ul style={{ height: virtualizer.getTotalSize() }} className="relative">
            {items.map((item) => {
              const row = list.rows[item.index];
              return (
                <li
                  key={item.key}
                  aria-setsize={hasMore ? -1 : list.rows.length}
                  aria-posinset={item.index + 1}
                  className="group absolute inset-x-0 top-0"
                  style={{ transform: `translateY(${item.start}px)`, height: CARD_HEIGHT }}
                >
                  {/* The selection checkbox sits on the avatar (as Chatwoot's): shown on hover, focus, a touch
                      screen, or while anything is selected; the disc behind it hides the initials. */}
                  {row && (
                    <>
                      <input
                        type="checkbox"
                        aria-label={tb("select", { id: row.id })}
                        checked={selected.has(row.id)}
                        onChange={() => undefined}
                        onClick={(e) => toggleSelected(row.id, e.shiftKey)}
                        className={`peer absolute top-5 left-[26px] z-20 h-4 w-4 cursor-pointer accent-brand-600 ${selected.size ? "" : "opacity-0 group-hover:opacity-100 focus:opacity-100 pointer-coarse:opacity-100"}`}
                      />
                      <span
                        aria-hidden
                        className={`pointer-events-none absolute top-2.5 left-4 z-10 h-9 w-9 rounded-full bg-white ring-1 ring-slate-300 dark:bg-slate-800 dark:ring-slate-600 ${selected.size ? "" : "opacity-0 group-hover:opacity-100 peer-focus:opacity-100 pointer-coarse:opacity-100"}`}
                      />
                    </>
                  )}
                  {row ? (
                    <ConversationCard
                      row={row}
                      href={props.hrefFor(row.id)}
                      inboxName={props.inboxNames.get(row.inboxId) ?? t("inbox")}
                      active={row.id === props.selectedId}
                      assigneeAvailability={row.assigneeId === null ? null : (props.availability.get(row.assigneeId) ?? null)}
                      nowSeconds={nowSeconds}
                      onSelect={props.onSelect}
                    />
                  ) : (
                    <div className="flex h-full items-center justify-center text-xs text-slate-500 dark:text-slate-400">
                      {list.error ? (
                        <button type="button" onClick={props.onRetry} className="underline">
                          {t("loadMoreFailed")}
                        </button>
                      ) : (
                        t("loadingMore")
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}

function Skeleton() {
  const t = useTranslations("operator.list");
  return (
    <div aria-label={t("loading")} role="status">
      {Array.from({ length: 7 }, (_, i) => (
        <div key={i} className="flex gap-3 border-b border-slate-100 dark:border-slate-800 px-4 py-3" style={{ height: CARD_HEIGHT }}>
          <div className="h-9 w-9 animate-pulse rounded-full bg-slate-200 dark:bg-slate-700" />
          <div className="flex-1 space-y-2 pt-1">
            <div className="h-3 w-1/2 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
            <div className="h-3 w-5/6 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
            <div className="h-2.5 w-1/3 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
          </div>
        </div>
      ))}
    </div>
  );
}

function Message(props: { title: string; body: string; children?: React.ReactNode }) {
  return (
    <div className="flex h-full flex-col items-center justify-center p-8 text-center">
      <p className="text-sm font-medium text-slate-700 dark:text-slate-300">{props.title}</p>
      <p className="mt-1 max-w-xs text-sm text-slate-500 dark:text-slate-400">{props.body}</p>
      {props.children}
    </div>
  );
}
