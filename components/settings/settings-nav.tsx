"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "inboxes", label: "inboxes" },
  { href: "agents", label: "agents" },
  { href: "canned-responses", label: "canned" },
  { href: "labels", label: "labels" },
  { href: "teams", label: "teams" },
  { href: "webhooks", label: "webhooks" },
  { href: "agent-bots", label: "agentBots" },
  { href: "macros", label: "macros" },
  { href: "automation", label: "automation" },
  { href: "custom-attributes", label: "customAttributes" },
  { href: "account", label: "account" },
] as const;

export function SettingsNav({ base, accountName, conversationsHref }: { base: string; accountName: string; conversationsHref: string }) {
  const path = usePathname();
  const t = useTranslations("settings.nav");
  return (
    <nav aria-label={t("label")} className="flex shrink-0 flex-col border-b border-slate-200 md:w-56 md:border-r md:border-b-0 dark:border-slate-700 bg-white dark:bg-slate-900">
      <div className="px-4 pt-3 pb-2 md:py-4">
        <Link href={conversationsHref} className="text-xs text-slate-500 dark:text-slate-400 hover:text-slate-800 dark:hover:text-slate-100">
          {t("back")}
        </Link>
        <p className="mt-2 text-sm font-semibold text-slate-900 dark:text-slate-100">{t("title")}</p>
        <p className="truncate text-xs text-slate-500 dark:text-slate-400">{accountName}</p>
      </div>
      <ul className="flex gap-1 overflow-x-auto px-2 pb-2 md:block md:space-y-0.5 md:pb-0">
        {ITEMS.map((item) => {
          const href = `${base}/${item.href}`;
          const active = path === href || path.startsWith(`${href}/`);
          return (
            <li key={item.href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-2.5 py-1.5 text-sm whitespace-nowrap ${active ? "bg-brand-50 dark:bg-brand-500/15 font-medium text-brand-700 dark:text-brand-100" : "text-slate-700 dark:text-slate-300 hover:bg-slate-50 dark:hover:bg-slate-800"}`}
              >
                {t(item.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
