import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/settings/form-parts";
import { WorkflowEditor } from "@/components/workflow/workflow-editor";
import { requireSettingsPage } from "../settings-page";

// /app/accounts/:accountId/settings/automation – automation rules (MA3, administrators).
export default async function AutomationSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireSettingsPage(params);
  const t = await getTranslations("notify.editor");
  return (
    <>
      <PageHeader title={t("rules.title")} description={t("rules.description")} />
      <WorkflowEditor accountId={account.id} kind="rules" canManageGlobal />
    </>
  );
}
