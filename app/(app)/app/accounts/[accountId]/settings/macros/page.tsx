import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/settings/form-parts";
import { WorkflowEditor } from "@/components/workflow/workflow-editor";
import { requireSettingsPage } from "../settings-page";

// /app/accounts/:accountId/settings/macros – the account's macros and the administrator's own (MA1).
export default async function MacrosSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireSettingsPage(params);
  const t = await getTranslations("notify.editor");
  return (
    <>
      <PageHeader title={t("macros.title")} description={t("macros.description")} />
      <WorkflowEditor accountId={account.id} kind="macros" canManageGlobal />
    </>
  );
}
