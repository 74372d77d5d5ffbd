import { useTranslations } from "next-intl";

/** The empty right-hand column keeps its landmark (U2): nothing is open yet. */
export function PickConversation() {
  const t = useTranslations("operator.placeholder");
  const kbd = (chunks: React.ReactNode) => <kbd className="rounded border border-slate-300 dark:border-slate-600 px-1 text-xs">{chunks}</kbd>;
  return (
    <section aria-label={t("label")} className="flex flex-1 flex-col items-center justify-center bg-slate-50 dark:bg-slate-950 p-8 text-center">
      <div className="rounded-full bg-white dark:bg-slate-900 p-4 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
        <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 text-brand-500" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M4 5h16v11H8l-4 4V5z" strokeLinejoin="round" />
        </svg>
      </div>
      <p className="mt-4 text-sm font-medium text-slate-700 dark:text-slate-300">{t("title")}</p>
      <p className="mt-1 max-w-xs text-sm text-slate-500 dark:text-slate-400">{t.rich("body", { kbd })}</p>
    </section>
  );
}
