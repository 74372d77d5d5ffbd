import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/settings/form-parts";
import { CustomAttributesSettings } from "@/components/settings/custom-attributes-settings";
import { requireSettingsPage } from "../settings-page";

// /app/accounts/:accountId/settings/custom-attributes – typed fields for contacts and conversations (K7).
export default async function CustomAttributesPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireSettingsPage(params);
  const t = await getTranslations("customAttributes");
  return (
    <>
      <PageHeader title={t("title")} description={t("pageDescription")} />
      <CustomAttributesSettings accountId={account.id} />
    </>
  );
}
