"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { api, ApiRequestError } from "@/components/operator/api";
import type { EditableContact } from "./contact-model";
import { ContactsImport } from "./contacts-import";
import { FilterBuilder } from "./filter-builder";
import { contactsPlaceQuery, pageRequest, parseContactsPlace, SORT_KEYS, type Condition, type ContactsPlace, type ListSource, type SortKey, type SortState } from "./contacts-query";

const ROW_HEIGHT = 52;
type SavedFilter = { id: number; name: string; query: { payload: Condition[] } };
type Page = { meta: { count: number }; payload: EditableContact[] };
type ListState = { rows: EditableContact[]; count: number; page: number; done: boolean; loading: boolean; error: string | null };

/**
 * /app/accounts/:id/contacts (K5): every resolved contact in a virtualised table (only the visible
 * rows are in the DOM; pages of 15 load as the end comes into view), sortable by each column,
 * searchable, filterable with Chatwoot's condition payload; administrators import and export CSV.
 */
export function ContactsWorkspace({ accountId, isAdministrator }: { accountId: number; isAdministrator: boolean }) {
  const t = useTranslations("contacts.list");
  const tf = useTranslations("contacts.fields");
  const apiText = useApiErrorText();
  const locale = useLocale();
  const [sort, setSort] = useState<SortState>({ key: "last_activity_at", desc: true });
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState("");
  const [showFilter, setShowFilter] = useState(false);
  const [showImport, setShowImport] = useState(false);
  const [list, setList] = useState<ListState>({ rows: [], count: 0, page: 0, done: false, loading: true, error: null });
  const scrollRef = useRef<HTMLDivElement>(null);
  // Saved contact filters (Chatwoot's custom_filters, filter_type contact): the caller's own views.
  const [saved, setSaved] = useState<SavedFilter[] | null>(null);
  const loadSaved = useCallback(() => api<SavedFilter[]>(accountId, "/custom_filters?filter_type=contact").then(setSaved, () => setSaved([])), [accountId]);
  useEffect(() => {
    void loadSaved();
  }, [loadSaved]);

  // The filter lives in the URL (`filter_id=` or `filter=`), so a reload, a link and back/forward keep it;
  // a search replaces it while there is one. A saved filter's conditions come with the saved list.
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const place = useMemo(() => parseContactsPlace(searchParams), [searchParams]);
  const activeSaved = place.filterId;
  const go = useCallback(
    (next: ContactsPlace) => {
      const url = `${pathname}${contactsPlaceQuery(next)}`;
      if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, "", url);
    },
    [pathname],
  );
  const savedConditions = activeSaved === null ? null : (saved?.find((f) => f.id === activeSaved)?.query.payload ?? null);
  const sourceKey = search
    ? JSON.stringify({ kind: "search", q: search })
    : activeSaved !== null && saved === null
      ? null
      : (savedConditions ?? place.conditions)?.length
        ? JSON.stringify({ kind: "filter", conditions: savedConditions ?? place.conditions })
        : JSON.stringify({ kind: "all" });
  // Null while a saved filter's conditions are still on their way: nothing is asked for yet.
  const source = useMemo(() => (sourceKey === null ? null : (JSON.parse(sourceKey) as ListSource)), [sourceKey]);
  // The builder shows the URL's filter (rebuilt when it changes: applied, saved, back/forward); Escape
  // closes it and hands the focus back to its button.
  const filterButton = useRef<HTMLButtonElement>(null);
  const urlFilter = `${searchParams.get("filter_id")}|${searchParams.get("filter")}|${savedConditions ? "saved" : ""}`;
  const closeFilter = () => {
    setShowFilter(false);
    filterButton.current?.focus();
  };
  const saveFilter = async (conditions: Condition[]) => {
    const name = window.prompt(t("saveName"))?.trim();
    if (!name) return;
    try {
      const made = await api<SavedFilter>(accountId, "/custom_filters", { method: "POST", json: { name, filter_type: "contact", query: { payload: conditions } } });
      await loadSaved();
      setQuery("");
      setSearch("");
      go({ filterId: made.id, conditions: null });
    } catch (err) {
      setList((l) => ({ ...l, error: err instanceof ApiRequestError ? apiText(err.message) : t("saveFailed") }));
    }
  };
  const deleteSaved = async (id: number) => {
    if (!window.confirm(t("confirmDeleteSaved"))) return;
    try {
      await api(accountId, `/custom_filters/${id}`, { method: "DELETE" });
      go({ filterId: null, conditions: null });
      await loadSaved();
    } catch (err) {
      setList((l) => ({ ...l, error: err instanceof ApiRequestError ? apiText(err.message) : t("saveFailed") }));
    }
  };
  const generation = useRef(0);

  // A new source or sort starts again at page 1; answers for an older one are dropped.
  const load = useCallback(
    async (page: number, reset: boolean) => {
      if (!source) return;
      const gen = reset ? ++generation.current : generation.current;
      setList((l) => ({ ...(reset ? { rows: [], count: 0, page: 0, done: false } : l), loading: true, error: null }) as ListState);
      try {
        const req = pageRequest(source, sort, page);
        const res = await api<Page>(accountId, req.path, req.json ? { method: "POST", json: req.json } : {});
        if (gen !== generation.current) return;
        setList((l) => {
          const rows = reset ? res.payload : [...l.rows, ...res.payload.filter((c) => !l.rows.some((r) => r.id === c.id))];
          return { rows, count: res.meta.count, page, done: rows.length >= res.meta.count || res.payload.length === 0, loading: false, error: null };
        });
      } catch (err) {
        if (gen !== generation.current) return;
        // As the conversations page: conditions in the address (`filter=`) the server refuses — an
        // attribute since deleted, a value it does not take — are dropped from it, and every contact shows.
        if (reset && source.kind === "filter" && activeSaved === null && err instanceof ApiRequestError && err.status >= 400 && err.status < 500) {
          window.history.replaceState(null, "", `${pathname}${contactsPlaceQuery({ filterId: null, conditions: null })}`);
          return;
        }
        setList((l) => ({ ...l, loading: false, error: err instanceof ApiRequestError ? apiText(err.message) : t("loadFailed") }));
      }
    },
    [accountId, source, sort, apiText, t, activeSaved, pathname],
  );
  useEffect(() => {
    void load(1, true);
    scrollRef.current?.scrollTo({ top: 0 });
  }, [load]);

  // Typing searches after a pause, in place of a filter (which leaves the URL); an empty box lists everything again.
  useEffect(() => {
    const q = query.trim();
    const timer = setTimeout(() => {
      setSearch(q);
      if (q) go({ filterId: null, conditions: null });
    }, 250);
    return () => clearTimeout(timer);
  }, [query, go]);

  const virtualizer = useVirtualizer({ count: list.rows.length + (list.done ? 0 : 1), getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : -1;
  useEffect(() => {
    if (!list.done && !list.loading && !list.error && list.page > 0 && lastIndex >= list.rows.length - 3) void load(list.page + 1, false);
  }, [lastIndex, list.done, list.loading, list.error, list.page, list.rows.length, load]);

  const [exporting, setExporting] = useState(false);
  const exportCsv = async () => {
    setExporting(true);
    try {
      const res = await fetch(`/api/v1/accounts/${accountId}/contacts/export`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(source?.kind === "filter" ? { payload: source.conditions } : {}),
      });
      if (!res.ok) throw new Error(String(res.status));
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "contacts.csv";
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
    } catch {
      setList((l) => ({ ...l, error: t("exportFailed") }));
    } finally {
      setExporting(false);
    }
  };

  const sortBy = (key: SortKey) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key === "last_activity_at" || key === "created_at" }));
  const date = (epoch?: number | null) => (epoch ? new Date(epoch * 1000).toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric" }) : "—");
  const cell = (c: EditableContact, key: SortKey): string => {
    const a = c.additional_attributes;
    if (key === "company") return typeof a.company_name === "string" ? a.company_name : "";
    if (key === "city") return [a.city, a.country].filter((v) => typeof v === "string" && v).join(", ");
    if (key === "last_activity_at") return date(c.last_activity_at);
    if (key === "created_at") return date(c.created_at);
    return (c[key] as string | null) ?? "";
  };
  const columns = "grid grid-cols-[minmax(10rem,1.4fr)_minmax(12rem,1.4fr)_minmax(9rem,1fr)_minmax(8rem,1fr)_minmax(8rem,1fr)_minmax(7.5rem,0.8fr)_minmax(7.5rem,0.8fr)] gap-3 px-4";
  const btn = "rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";

  return (
    <section aria-label={t("title")} className="flex h-full min-h-0 flex-col bg-white dark:bg-slate-950">
      <header className="space-y-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <div className="flex flex-wrap items-center gap-3">
          <Link href={`/app/accounts/${accountId}/conversations`} className="text-xs text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-100">
            {t("back")}
          </Link>
          <h1 className="text-lg font-semibold text-slate-900 dark:text-slate-50">{t("title")}</h1>
          <span className="text-sm text-slate-500 tabular-nums dark:text-slate-400" aria-live="polite">
            {t("count", { count: list.count })}
          </span>
          <div className="ml-auto flex flex-wrap gap-2">
            {!!saved?.length && (
              <select
                aria-label={t("saved")}
                value={activeSaved ?? ""}
                onChange={(e) => {
                  const f = saved.find((x) => x.id === Number(e.target.value));
                  setQuery("");
                  setSearch("");
                  go({ filterId: f ? f.id : null, conditions: null });
                }}
                className="rounded-md border border-slate-200 bg-white px-2 py-1.5 text-sm text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200"
              >
                <option value="">{t("savedNone")}</option>
                {saved.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            )}
            {activeSaved !== null && (
              <button type="button" className={btn} onClick={() => void deleteSaved(activeSaved)}>
                {t("deleteSaved")}
              </button>
            )}
            <button ref={filterButton} type="button" className={btn} aria-expanded={showFilter} onClick={() => setShowFilter(!showFilter)}>
              {source?.kind === "filter" ? t("filterOn", { count: source.conditions.length }) : t("filter")}
            </button>
            {isAdministrator && (
              <>
                <button type="button" className={btn} aria-expanded={showImport} onClick={() => setShowImport(!showImport)}>
                  {t("import")}
                </button>
                <button type="button" className={btn} disabled={exporting} onClick={() => void exportCsv()}>
                  {exporting ? t("exporting") : source?.kind === "filter" ? t("exportFiltered") : t("export")}
                </button>
              </>
            )}
          </div>
        </div>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label={t("search")}
          placeholder={t("searchPlaceholder")}
          className="w-full max-w-md rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100"
        />
        {showFilter && (
          <FilterBuilder
            key={urlFilter}
            accountId={accountId}
            initial={source?.kind === "filter" ? source.conditions : []}
            onSave={(conditions: Condition[]) => void saveFilter(conditions)}
            onApply={(conditions: Condition[]) => {
              setQuery("");
              setSearch("");
              go({ filterId: null, conditions: conditions.length ? conditions : null });
            }}
            onClose={closeFilter}
          />
        )}
        {showImport && isAdministrator && <ContactsImport accountId={accountId} onImported={() => void load(1, true)} />}
      </header>
      <div className="min-h-0 flex-1 overflow-x-auto">
        <div className="flex h-full min-w-[68rem] flex-col" role="table" aria-label={t("table")} aria-rowcount={list.count + 1}>
          <div role="row" className={`${columns} border-b border-slate-200 bg-slate-50 py-2 text-xs font-semibold text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300`}>
            {SORT_KEYS.map((key) => (
              <div key={key} role="columnheader" aria-sort={sort.key === key ? (sort.desc ? "descending" : "ascending") : "none"}>
                <button
                  type="button"
                  onClick={() => sortBy(key)}
                  disabled={source?.kind === "filter"}
                  className="inline-flex items-center gap-1 hover:text-slate-900 disabled:cursor-default dark:hover:text-white"
                >
                  {tf(key)}
                  <span aria-hidden className="text-slate-400">
                    {sort.key === key ? (sort.desc ? "↓" : "↑") : ""}
                  </span>
                </button>
              </div>
            ))}
          </div>
          <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" role="rowgroup">
            {list.error && (
              <p role="alert" className="px-4 py-3 text-sm text-red-700 dark:text-red-400">
                {list.error}
              </p>
            )}
            {!list.loading && !list.error && list.rows.length === 0 && (
              <p className="px-4 py-10 text-center text-sm text-slate-500 dark:text-slate-400">{source?.kind === "all" ? t("empty") : t("noMatches")}</p>
            )}
            <div style={{ height: virtualizer.getTotalSize() }} className="relative">
              {items.map((item) => {
                const c = list.rows[item.index];
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={item.index + 2}
                    className={`${columns} absolute inset-x-0 top-0 items-center border-b border-slate-100 text-sm hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900`}
                    style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  >
                    {c ? (
                      SORT_KEYS.map((key) => (
                        <div key={key} role="cell" className="truncate text-slate-700 dark:text-slate-300">
                          {key === "name" ? (
                            <Link href={`/app/accounts/${accountId}/contacts/${c.id}`} className="font-medium text-slate-900 hover:underline dark:text-slate-50">
                              {c.name || t("unnamed")}
                            </Link>
                          ) : (
                            cell(c, key) || <span className="text-slate-400">—</span>
                          )}
                        </div>
                      ))
                    ) : (
                      <div role="cell" className="col-span-7 text-xs text-slate-500">
                        {t("loading")}
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}
