import type { ReactNode } from "react";

/** One column of a report table: its heading, what a row shows in it, and the cell's own style or accessible name. */
export type ReportColumn<R> = { heading: string; cell(row: R): ReactNode; className?: string; label?(row: R): string };

/**
 * A report's table (the agent / inbox / label rows, the CSAT responses). `rowHeader`: the first column
 * names the row (a `<th scope="row">`), as the entity tables do.
 */
export function ReportTable<R>({ columns, rows, rowKey, rowHeader = false }: { columns: ReportColumn<R>[]; rows: R[]; rowKey(row: R): number; rowHeader?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 dark:bg-slate-950 text-xs text-slate-600 dark:text-slate-400">
          <tr>
            {columns.map((c) => (
              <th key={c.heading} scope="col" className="px-3 py-2 font-medium">
                {c.heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} className="border-t border-slate-100 dark:border-slate-800">
              {columns.map((c, i) =>
                rowHeader && i === 0 ? (
                  <th key={c.heading} scope="row" className="px-3 py-2 font-medium text-slate-800 dark:text-slate-200">
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.heading} className={`px-3 py-2${c.className ? ` ${c.className}` : ""}`} aria-label={c.label?.(r)}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
