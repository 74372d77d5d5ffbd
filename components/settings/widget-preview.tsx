import { useTranslations } from "next-intl";
/** The widget as a visitor will see it — header in the inbox colour and the bubble — drawn from the form's current values. */
export function WidgetPreview({ colour, title, tagline, greeting, replyTime }: { colour: string; title: string; tagline: string; greeting: string | null; replyTime: string }) {
  const t = useTranslations("settings.preview");
  const tw = useTranslations("settings.widget");
  const safe = /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#1f93ff";
  const key = ({ in_a_few_minutes: "replyMinutes", in_a_few_hours: "replyHours", in_a_day: "replyDay" } as const)[replyTime as "in_a_day"];
  const reply = key ? t(key) : "";
  return (
    <figure aria-label={t("label")} className="flex flex-col items-end gap-3">
      <div className="w-72 overflow-hidden rounded-xl border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-lg">
        <div data-testid="preview-header" className="px-4 py-4 text-white" style={{ backgroundColor: safe }}>
          <p className="text-base font-semibold">{title || tw("welcomeTitlePlaceholder")}</p>
          <p className="mt-0.5 text-sm opacity-90">{tagline || tw("welcomeTaglinePlaceholder")}</p>
          <p className="mt-2 text-xs opacity-80">{reply}</p>
        </div>
        <div className="space-y-2 bg-slate-50 dark:bg-slate-950 px-3 py-4">
          {greeting && <p className="max-w-[85%] rounded-lg rounded-tl-sm bg-white dark:bg-slate-900 px-3 py-2 text-sm text-slate-800 dark:text-slate-200 shadow-xs">{greeting}</p>}
          <p className="ml-auto max-w-[70%] rounded-lg rounded-tr-sm px-3 py-2 text-sm text-white" style={{ backgroundColor: safe }}>
            {t("question")}
          </p>
        </div>
        <div className="border-t border-slate-100 dark:border-slate-800 px-3 py-2 text-xs text-slate-500 dark:text-slate-400">{t("typeMessage")}</div>
      </div>
      <span data-testid="preview-bubble" aria-hidden className="inline-flex h-12 w-12 items-center justify-center rounded-full text-white shadow-lg" style={{ backgroundColor: safe }}>
        <svg viewBox="0 0 24 24" className="h-6 w-6" fill="currentColor">
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
        </svg>
      </span>
      <figcaption className="sr-only">{t("caption")}</figcaption>
    </figure>
  );
}
