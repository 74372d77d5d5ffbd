import { getTranslations } from "next-intl/server";
import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { ReportsDashboard } from "@/components/reports/reports-dashboard";
import { assertAccountAdministrator } from "@/lib/auth/account-administrator";
import { getSessionUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("reports") };
}

// /app/accounts/:accountId/reports – reports and CSAT for administrators (agents get the 403 page, as the APIs answer them).
export default async function ReportsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(`/app/accounts/${accountId}/reports`)}`);
  const account = user.accounts.find((a) => String(a.id) === accountId);
  if (!account) notFound();
  try {
    assertAccountAdministrator(user, account.id);
  } catch {
    forbidden();
  }
  return (
    <main className="h-full overflow-y-auto bg-slate-50">
      <div className="mx-auto max-w-6xl px-4 py-6 sm:px-8">
        <ReportsDashboard accountId={account.id} conversationsHref={`/app/accounts/${account.id}/conversations`} />
      </div>
    </main>
  );
}
