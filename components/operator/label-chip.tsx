"use client";

/** A label as a small chip in the label's colour (cards, the conversation's labels control). */
export function LabelChip({ title, color, onRemove, removeLabel }: { title: string; color: string; onRemove?: () => void; removeLabel?: string }) {
  return (
    <span className="inline-flex max-w-full min-w-0 items-center gap-1 rounded-full border border-slate-200 bg-white px-1.5 py-px text-[11px] text-slate-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200">
      <span aria-hidden className="h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: color }} />
      <span className="truncate">{title}</span>
      {onRemove && (
        <button type="button" onClick={onRemove} aria-label={removeLabel} className="ml-0.5 rounded text-slate-400 hover:text-slate-700 dark:hover:text-white">
          ×
        </button>
      )}
    </span>
  );
}
