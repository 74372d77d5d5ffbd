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
  { href: "custom-attributes", label: "customAttributes" },
  { href: "account", label: "account" },
] as const;

export function SettingsNav({ base, accountName, conversationsHref }: { base: string; accountName: string; conversationsHref: string }) {
  const path = usePathname();
  const t = useTranslations("settings.nav");
  return (
    <nav aria-label={t("label")} className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="px-4 py-4">
        <Link href={conversationsHref} className="text-xs text-slate-500 hover:text-slate-800">
          {t("back")}
        </Link>
        <p className="mt-2 text-sm font-semibold text-slate-900">{t("title")}</p>
        <p className="truncate text-xs text-slate-500">{accountName}</p>
      </div>
      <ul className="space-y-0.5 px-2">
        {ITEMS.map((item) => {
          const href = `${base}/${item.href}`;
          const active = path === href || path.startsWith(`${href}/`);
          return (
            <li key={item.href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-2.5 py-1.5 text-sm ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-50"}`}
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
