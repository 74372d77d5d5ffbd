import { useTranslations } from "next-intl";
import Link from "next/link";

// Rendered with status 403 when a page calls forbidden(), e.g. an agent opening the settings (SPEC §10).
export default function Forbidden() {
  const t = useTranslations("app");
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-16">
      <div className="max-w-sm text-center">
        <p className="text-sm font-semibold text-brand-600 dark:text-brand-100">403</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900 dark:text-slate-100">{t("forbiddenTitle")}</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("forbiddenBody")}</p>
        <Link href="/app" className="mt-6 inline-block rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          {t("forbiddenBack")}
        </Link>
      </div>
    </main>
  );
}
