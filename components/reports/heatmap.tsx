"use client";

import { useTranslations } from "next-intl";
import type { Point } from "./bar-chart";

/**
 * Incoming conversations by weekday × hour on the viewer's clock, from the hourly series: a grid of
 * cells shaded by count, each with its figure as its accessible name, and the same as a table.
 */
export function Heatmap({ points, offsetMinutes, days, locale }: { points: Point[]; offsetMinutes: number; days: number; locale: string }) {
  const t = useTranslations("reports");
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const p of points) {
    const local = new Date(p.timestamp * 1000 + offsetMinutes * 60_000);
    grid[local.getUTCDay()]![local.getUTCHours()]! += p.value;
  }
  const max = Math.max(1, ...grid.flat());
  // 2026-03-01 was a Sunday: weekday names in the viewer's language.
  const weekday = (d: number) => new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2026, 2, 1 + d)));
  const order = [1, 2, 3, 4, 5, 6, 0];
  return (
    <figure className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4">
      <figcaption className="mb-3 text-sm font-medium text-slate-700 dark:text-slate-300">{t("heatmapTitle", { days })}</figcaption>
      <div className="overflow-x-auto">
        <div className="grid min-w-[560px] gap-[2px]" style={{ gridTemplateColumns: "3rem repeat(24, minmax(0, 1fr))" }} role="grid" aria-label={t("heatmapTitle", { days })}>
          {order.map((d) => (
            <div key={d} role="row" className="contents">
              <span role="rowheader" className="pr-1 text-xs text-slate-500 dark:text-slate-400">
                {weekday(d)}
              </span>
              {grid[d]!.map((count, hour) => (
                <span
                  key={hour}
                  role="gridcell"
                  aria-label={t("cell", { day: weekday(d), hour, count })}
                  title={t("cell", { day: weekday(d), hour, count })}
                  // Empty cells take the theme's surface (a fixed light grey glared in dark mode, U11).
                  className={`h-5 rounded-sm ${count ? "" : "bg-slate-100 dark:bg-slate-800"}`}
                  style={count ? { backgroundColor: `rgba(14, 116, 144, ${0.15 + 0.85 * (count / max)})` } : undefined}
                />
              ))}
            </div>
          ))}
        </div>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">{t("showTable")}</summary>
        <div className="overflow-x-auto">
          <table className="mt-2 text-left text-xs tabular-nums">
            <thead>
              <tr>
                <th className="pr-2 font-medium">{t("day")}</th>
                {Array.from({ length: 24 }, (_, h) => (
                  <th key={h} className="px-1 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {order.map((d) => (
                <tr key={d}>
                  <th className="pr-2 font-medium">{weekday(d)}</th>
                  {grid[d]!.map((c, h) => (
                    <td key={h} className="px-1">
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
