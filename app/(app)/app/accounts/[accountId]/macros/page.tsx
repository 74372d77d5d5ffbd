import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/settings/form-parts";
import { WorkflowEditor } from "@/components/workflow/workflow-editor";
import { getSessionUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notify.editor"))("macros.title") };
}

// /app/accounts/:accountId/macros – every agent's own macros (MA1); administrators also manage the account's.
export default async function MacrosPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(`/app/accounts/${accountId}/macros`)}`);
  const account = user.accounts.find((a) => String(a.id) === accountId);
  if (!account) notFound();
  const t = await getTranslations("notify.editor");
  return (
    <main className="min-h-0 overflow-y-auto">
      <div className="mx-auto max-w-5xl px-4 py-6 sm:px-8">
        <Link href={`/app/accounts/${account.id}/conversations`} className="text-xs text-slate-500 hover:text-slate-800 dark:text-slate-400">
          {t("back")}
        </Link>
        <PageHeader title={t("macros.title")} description={t("macros.description")} />
        <WorkflowEditor accountId={account.id} kind="macros" canManageGlobal={account.role === "administrator"} />
      </div>
    </main>
  );
}
