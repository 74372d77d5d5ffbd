import { getTranslations } from "next-intl/server";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { requireSettingsPage } from "./settings-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("settings") };
}

// /app/accounts/:accountId/settings/* – administrators only (SPEC §10); agents never see this navigation.
export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ accountId: string }> }) {
  const { account, base } = await requireSettingsPage(params);
  return (
    // One column below md (U12): the navigation becomes a scrolling row above the page.
    <div className="flex h-full min-h-0 flex-col md:flex-row">
      <SettingsNav base={base} accountName={account.name} conversationsHref={`/app/accounts/${account.id}/conversations`} />
      <main className="min-w-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-5xl px-4 py-6 sm:px-8">{children}</div>
      </main>
    </div>
  );
}
