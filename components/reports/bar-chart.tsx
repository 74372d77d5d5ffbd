"use client";

import { useTranslations } from "next-intl";

export type Point = { timestamp: number; value: number };

/**
 * Conversations per day as plain SVG bars (no chart library: a few dozen rects), with the same
 * figures in a table for screen readers and anyone who wants the numbers.
 */
export function BarChart({ points, title, locale }: { points: Point[]; title: string; locale: string }) {
  const t = useTranslations("reports");
  const max = Math.max(1, ...points.map((p) => p.value));
  const width = 720;
  const height = 180;
  const bar = width / Math.max(points.length, 1);
  const day = (ts: number) => new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" }).format(new Date(ts * 1000));
  return (
    <figure className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4">
      <figcaption className="mb-3 text-sm font-medium text-slate-700 dark:text-slate-300">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 20}`} className="h-48 w-full" role="img" aria-label={title}>
        {points.map((p, i) => {
          const h = (p.value / max) * height;
          return (
            <rect key={p.timestamp} x={i * bar + 1} y={height - h} width={Math.max(bar - 2, 1)} height={h} className="fill-sky-500">
              <title>{`${day(p.timestamp)}: ${p.value}`}</title>
            </rect>
          );
        })}
        <line x1={0} y1={height} x2={width} y2={height} className="stroke-slate-300 dark:stroke-slate-600" />
        {points.length > 0 && (
          <>
            <text x={0} y={height + 15} className="fill-slate-500 dark:fill-slate-400 text-[11px]">
              {day(points[0]!.timestamp)}
            </text>
            <text x={width} y={height + 15} textAnchor="end" className="fill-slate-500 dark:fill-slate-400 text-[11px]">
              {day(points[points.length - 1]!.timestamp)}
            </text>
          </>
        )}
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">{t("showTable")}</summary>
        <table className="mt-2 w-full text-left text-sm">
          <thead>
            <tr>
              <th className="py-1 font-medium">{t("day")}</th>
              <th className="py-1 font-medium">{t("count")}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.timestamp} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-1">{day(p.timestamp)}</td>
                <td className="py-1 tabular-nums">{p.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
