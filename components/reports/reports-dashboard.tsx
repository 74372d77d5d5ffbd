"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { followLiveFigures } from "./live-figures";
import { BarChart, type Point } from "./bar-chart";
import { change, formatDuration } from "./format";
import { Heatmap } from "./heatmap";
import { ReportTable, type ReportColumn } from "./report-table";

const METRICS = ["conversations_count", "incoming_messages_count", "outgoing_messages_count", "avg_first_response_time", "avg_resolution_time", "resolutions_count", "reply_time"] as const;
type Metric = (typeof METRICS)[number];
type Summary = Record<Metric, number | null> & { previous: Record<Metric, number | null> };
type EntityRow = {
  id: number;
  name?: string;
  conversations_count: number;
  resolved_conversations_count: number;
  avg_first_response_time: number | null;
  avg_resolution_time: number | null;
  avg_reply_time: number | null;
};
type Live = { open: number; unattended: number; unassigned: number; pending: number };
type LiveAgent = { id: number; name: string; availability: string };
type CsatMetrics = { total_count: number; ratings_count: Record<string, number>; total_sent_messages_count: number; response_rate: number };
type CsatRow = { id: number; rating: number; feedback_message: string | null; contact?: { name: string }; assigned_agent?: { name: string }; conversation_id: number; created_at: number };
type Tab = "overview" | "agents" | "inboxes" | "labels" | "teams" | "csat";
const TABS: Tab[] = ["overview", "agents", "inboxes", "labels", "teams", "csat"];
const PRESETS = [7, 30, 90, 365] as const;
const DURATIONS = new Set<Metric>(["avg_first_response_time", "avg_resolution_time", "reply_time"]);
const DAY = 86_400;

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const res = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, signal });
  const body = (await res.json().catch(() => ({}))) as T & { message?: string; error?: string };
  if (!res.ok) throw new Error(body.message ?? body.error ?? String(res.status));
  return body;
}

/** The range of a preset: whole local days ending today (inclusive), on the viewer's clock. */
function rangeOf(days: number, offsetMinutes: number) {
  const now = Date.now() / 1000 + offsetMinutes * 60;
  const until = Math.floor(now / DAY) * DAY + DAY - offsetMinutes * 60;
  return { since: until - days * DAY, until };
}

/**
 * /app/accounts/:id/reports: summary cards with the change against the previous period, conversations
 * per day, the weekday × hour heatmap, per-agent / inbox / label tables, CSAT, and right-now counts.
 * Everything is read from the v2 report APIs and the CSAT APIs with the session cookie.
 */
export function ReportsDashboard({ accountId, conversationsHref }: { accountId: number; conversationsHref: string }) {
  const t = useTranslations("reports");
  const locale = useLocale();
  const [days, setDays] = useState<(typeof PRESETS)[number]>(30);
  const [businessHours, setBusinessHours] = useState(false);
  const [tab, setTab] = useState<Tab>("overview");
  const offsetMinutes = useMemo(() => -new Date().getTimezoneOffset(), []);
  const range = useMemo(() => rangeOf(days, offsetMinutes), [days, offsetMinutes]);
  const heatDays = Math.min(days, 28);
  const q = new URLSearchParams({ since: String(range.since), until: String(range.until), business_hours: String(businessHours), timezone_offset: String(offsetMinutes / 60) }).toString();
  const v2 = `/api/v2/accounts/${accountId}`;
  const v1 = `/api/v1/accounts/${accountId}`;

  type Data = { summary?: Summary; perDay?: Point[]; hourly?: Point[]; table?: EntityRow[]; csat?: CsatMetrics; csatRows?: CsatRow[] };
  // What was loaded, for which tab and query: anything else on screen is still loading.
  const key = `${tab}?${q}`;
  const [result, setResult] = useState<{ key: string; data: Data; error: string | null }>({ key: "", data: {}, error: null });
  const loading = result.key !== key;
  const data = loading ? {} : result.data;
  const error = loading ? null : result.error;
  const [live, setLive] = useState<{ counts: Live; online: number } | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    const load = async () => {
      if (tab === "overview") {
        const heat = new URLSearchParams({
          since: String(range.until - heatDays * DAY),
          until: String(range.until),
          metric: "conversations_count",
          group_by: "hour",
          timezone_offset: String(offsetMinutes / 60),
        });
        const [summary, perDay, hourly] = await Promise.all([
          getJson<Summary>(`${v2}/reports/summary?${q}`, ctl.signal),
          getJson<Point[]>(`${v2}/reports?${q}&metric=conversations_count&group_by=day`, ctl.signal),
          getJson<Point[]>(`${v2}/reports?${heat}`, ctl.signal),
        ]);
        return { summary, perDay, hourly };
      }
      if (tab === "csat") {
        const cq = new URLSearchParams({ since: String(range.since), until: String(range.until) }).toString();
        const [csat, csatRows] = await Promise.all([
          getJson<CsatMetrics>(`${v1}/csat_survey_responses/metrics?${cq}`, ctl.signal),
          getJson<CsatRow[]>(`${v1}/csat_survey_responses?${cq}`, ctl.signal),
        ]);
        return { csat, csatRows };
      }
      const entity = { agents: "agent", inboxes: "inbox", labels: "label", teams: "team" }[tab];
      // Chatwoot's agent, inbox and team rows carry ids only: the names come from those lists.
      const names =
        tab === "agents"
          ? getJson<{ id: number; name: string }[]>(`${v1}/agents`, ctl.signal)
          : tab === "inboxes"
            ? getJson<{ payload: { id: number; name: string }[] }>(`${v1}/inboxes`, ctl.signal).then((r) => r.payload)
            : tab === "teams"
              ? getJson<{ id: number; name: string }[]>(`${v1}/teams`, ctl.signal)
              : Promise.resolve([]);
      const [table, named] = await Promise.all([getJson<EntityRow[]>(`${v2}/summary_reports/${entity}?${q}`, ctl.signal), names]);
      const byId = new Map(named.map((n) => [n.id, n.name]));
      return { table: table.map((r) => ({ ...r, name: r.name ?? byId.get(r.id) })) };
    };
    load().then(
      (d) => setResult({ key: `${tab}?${q}`, data: d, error: null }),
      (err: unknown) => {
        if (!ctl.signal.aborted) setResult({ key: `${tab}?${q}`, data: {}, error: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => ctl.abort();
  }, [tab, q, range.since, range.until, heatDays, offsetMinutes, v1, v2]);

  // Right-now figures: read when the live stream connects and after each event that can move them.
  useEffect(() => {
    const ctl = new AbortController();
    const read = () =>
      void Promise.all([getJson<Live>(`${v2}/reports/conversations?type=account`, ctl.signal), getJson<LiveAgent[]>(`${v2}/reports/conversations?type=agent`, ctl.signal)]).then(
        ([counts, agents]) => setLive({ counts, online: agents.filter((a) => a.availability === "online").length }),
        () => undefined,
      );
    const stop = followLiveFigures(accountId, read);
    return () => {
      stop();
      ctl.abort();
    };
  }, [v2, accountId]);

  const csvFor: Partial<Record<Tab, string>> = { agents: "agents", inboxes: "inboxes", labels: "labels", teams: "teams" };
  const download = csvFor[tab] ? `${v2}/reports/${csvFor[tab]}?${q}` : tab === "csat" ? `${v1}/csat_survey_responses/download?since=${range.since}&until=${range.until}` : null;
  const value = (m: Metric, v: number | null) => (DURATIONS.has(m) ? formatDuration(t, v) : v === null ? "—" : new Intl.NumberFormat(locale).format(v));

  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            <Link href={conversationsHref} className="hover:underline">
              ← {t("back")}
            </Link>
          </p>
          <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">{t("title")}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("description")}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm text-slate-700 dark:text-slate-300">
            <span className="sr-only">{t("range")}</span>
            <select
              value={days}
              onChange={(e) => setDays(Number(e.target.value) as (typeof PRESETS)[number])}
              className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-1.5 text-sm"
              aria-label={t("range")}
            >
              {PRESETS.map((p) => (
                <option key={p} value={p}>
                  {t(`presets.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="checkbox" checked={businessHours} onChange={(e) => setBusinessHours(e.target.checked)} className="h-4 w-4" />
            {t("businessHours")}
          </label>
          {download && (
            <a
              href={download}
              className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-1.5 text-sm text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800"
              download
            >
              {t("download")}
            </a>
          )}
        </div>
      </header>

      {live && (
        <section aria-label={t("live.title")} className="flex flex-wrap gap-2 text-sm">
          <span className="font-medium text-slate-700 dark:text-slate-300">{t("live.title")}:</span>
          {(["open", "unattended", "unassigned", "pending"] as const).map((k) => (
            <span key={k} className="rounded-full bg-white dark:bg-slate-900 px-3 py-0.5 text-slate-700 dark:text-slate-300 ring-1 ring-slate-200 dark:ring-slate-700">
              {t(`live.${k}`)} <strong className="tabular-nums">{live.counts[k]}</strong>
            </span>
          ))}
          <span className="rounded-full bg-white dark:bg-slate-900 px-3 py-0.5 text-slate-700 dark:text-slate-300 ring-1 ring-slate-200 dark:ring-slate-700">
            {t("live.online")} <strong className="tabular-nums">{live.online}</strong>
          </span>
        </section>
      )}

      <div role="tablist" aria-label={t("title")} className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-700">
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            onClick={() => setTab(k)}
            className={`-mb-px rounded-t-md border-b-2 px-3 py-2 text-sm ${tab === k ? "border-sky-600 font-medium text-sky-700 dark:text-sky-300" : "border-transparent text-slate-600 dark:text-slate-400 hover:text-slate-900 dark:hover:text-white"}`}
          >
            {t(`tabs.${k}`)}
          </button>
        ))}
      </div>

      <section role="tabpanel" aria-busy={loading} className="space-y-5">
        {error && <p className="rounded-md bg-red-50 dark:bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300">{t("failed", { reason: error })}</p>}
        {loading && !error && <p className="text-sm text-slate-500 dark:text-slate-400">{t("loading")}</p>}
        {!loading && !error && tab === "overview" && data.summary && (
          <>
            <StatCards
              cards={METRICS.map((m) => {
                const c = change(data.summary![m], data.summary!.previous[m]);
                const note = c === null ? t("noChange") : t("change", { change: `${c > 0 ? "+" : ""}${new Intl.NumberFormat(locale).format(c)} %` });
                return { label: t(`metrics.${m}`), value: value(m, data.summary![m]), note };
              })}
            />
            <BarChart points={data.perDay ?? []} title={t("chartTitle")} locale={locale} />
            <Heatmap points={data.hourly ?? []} offsetMinutes={offsetMinutes} days={heatDays} locale={locale} />
          </>
        )}
        {!loading && !error && ["agents", "inboxes", "labels", "teams"].includes(tab) && data.table && <EntityTable rows={data.table} />}
        {!loading && !error && tab === "csat" && data.csat && <Csat metrics={data.csat} rows={data.csatRows ?? []} locale={locale} />}
      </section>
    </div>
  );
}

function EntityTable({ rows }: { rows: EntityRow[] }) {
  const t = useTranslations("reports");
  if (!rows.length) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("noData")}</p>;
  const duration = (key: "avg_first_response_time" | "avg_resolution_time" | "avg_reply_time") => (r: EntityRow) => formatDuration(t, r[key]);
  const columns: ReportColumn<EntityRow>[] = [
    { heading: t("columns.name"), cell: (r) => r.name ?? `#${r.id}` },
    { heading: t("columns.conversations"), cell: (r) => r.conversations_count, className: "tabular-nums" },
    { heading: t("columns.firstResponse"), cell: duration("avg_first_response_time") },
    { heading: t("columns.resolution"), cell: duration("avg_resolution_time") },
    { heading: t("columns.reply"), cell: duration("avg_reply_time") },
    { heading: t("columns.resolved"), cell: (r) => r.resolved_conversations_count, className: "tabular-nums" },
  ];
  return <ReportTable columns={columns} rows={rows} rowKey={(r) => r.id} rowHeader />;
}

function Csat({ metrics, rows, locale }: { metrics: CsatMetrics; rows: CsatRow[]; locale: string }) {
  const t = useTranslations("reports");
  const satisfied = (metrics.ratings_count["4"] ?? 0) + (metrics.ratings_count["5"] ?? 0);
  const cards = [
    { label: t("csat.responses"), value: String(metrics.total_count) },
    { label: t("csat.sent"), value: String(metrics.total_sent_messages_count) },
    { label: t("csat.rate"), value: `${new Intl.NumberFormat(locale).format(metrics.response_rate)} %` },
    { label: t("csat.satisfaction"), value: metrics.total_count ? `${new Intl.NumberFormat(locale).format(Math.round((satisfied / metrics.total_count) * 1000) / 10)} %` : "—" },
  ];
  const date = (s: number) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(s * 1000));
  return (
    <>
      <StatCards cards={cards} />
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {t("csat.ratings")}:{" "}
        {[5, 4, 3, 2, 1].map((r) => (
          <span key={r} className="mr-3 tabular-nums">
            {"★".repeat(r)} {metrics.ratings_count[String(r)] ?? 0}
          </span>
        ))}
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("csat.empty")}</p>
      ) : (
        <ReportTable
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            {
              heading: t("csat.rating"),
              label: (r) => `${r.rating}/5`,
              cell: (r) => (
                <>
                  {"★".repeat(r.rating)}
                  <span className="text-slate-300">{"★".repeat(5 - r.rating)}</span>
                </>
              ),
            },
            { heading: t("csat.feedback"), cell: (r) => r.feedback_message ?? "" },
            { heading: t("csat.contact"), cell: (r) => r.contact?.name ?? "" },
            { heading: t("csat.agent"), cell: (r) => r.assigned_agent?.name ?? "" },
            { heading: t("csat.conversation"), cell: (r) => `#${r.conversation_id}` },
            { heading: t("csat.date"), cell: (r) => date(r.created_at), className: "whitespace-nowrap" },
          ]}
        />
      )}
    </>
  );
}

/** The figures at the top of a tab: a label, the value, and optionally a line under it (the change). */
function StatCards({ cards }: { cards: { label: string; value: string; note?: string }[] }) {
  return (
    <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {cards.map((c) => (
        <li key={c.label} className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4">
          <p className="text-xs text-slate-500 dark:text-slate-400">{c.label}</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-100">{c.value}</p>
          {c.note !== undefined && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{c.note}</p>}
        </li>
      ))}
    </ul>
  );
}
