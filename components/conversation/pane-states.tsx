import { useTranslations } from "next-intl";
/** What the pane shows before the conversation is there, or when it cannot be. */
export function PaneSkeleton() {
  const t = useTranslations("conversation.pane");
  return (
    <div aria-busy="true" aria-label={t("loading")} className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-3 border-b border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-4 py-3">
        <div className="h-9 w-9 animate-pulse rounded-full bg-slate-200 dark:bg-slate-700" />
        <div className="space-y-1.5">
          <div className="h-3 w-40 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
          <div className="h-2.5 w-24 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
        </div>
      </div>
      <div className="flex-1 space-y-4 p-6">
        {[48, 64, 40, 56].map((w, i) => (
          <div key={i} className={`flex ${i % 2 ? "justify-end" : ""}`}>
            <div className="h-10 animate-pulse rounded-2xl bg-slate-200/70 dark:bg-slate-700/70" style={{ width: `${w}%` }} />
          </div>
        ))}
      </div>
    </div>
  );
}

export function PaneError({ title, message, onRetry, onBack }: { title: string; message: string; onRetry?: () => void; onBack?: () => void }) {
  const t = useTranslations("conversation.pane");
  return (
    <div role="alert" className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="text-base font-semibold text-slate-800 dark:text-slate-200">{title}</p>
      <p className="max-w-sm text-sm text-slate-500 dark:text-slate-400">{message}</p>
      <div className="flex gap-2">
        {onRetry && (
          <button type="button" onClick={onRetry} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            {t("tryAgain")}
          </button>
        )}
        {onBack && (
          <button
            type="button"
            onClick={onBack}
            className="rounded-md border border-slate-200 dark:border-slate-700 px-3 py-1.5 text-sm text-slate-700 dark:text-slate-300 hover:bg-slate-50 dark:hover:bg-slate-800"
          >
            {t("backToList")}
          </button>
        )}
      </div>
    </div>
  );
}
