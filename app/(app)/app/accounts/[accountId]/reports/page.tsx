import { getTranslations } from "next-intl/server";
import type { Metadata } from "next";
import { ReportsDashboard } from "@/components/reports/reports-dashboard";
import { requireAdministratorPage } from "../administrator-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("reports") };
}

// /app/accounts/:accountId/reports – reports and CSAT for administrators (agents get the 403 page, as the APIs answer them).
export default async function ReportsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireAdministratorPage(params, "reports");
  return (
    <main className="h-full overflow-y-auto bg-slate-50 dark:bg-slate-950">
      <div className="mx-auto max-w-6xl px-4 py-6 sm:px-8">
        <ReportsDashboard accountId={account.id} conversationsHref={`/app/accounts/${account.id}/conversations`} />
      </div>
    </main>
  );
}
