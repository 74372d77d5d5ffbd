import { getTranslations } from "next-intl/server";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { getAccountById } from "@/lib/accounts/update-account";
import { LOCALE_NAMES, LOCALES, toLocale } from "@/lib/i18n/locales";
import { updateAccountAction } from "../actions/team-actions";
import { requireSettingsPage } from "../settings-page";

// /app/accounts/:accountId/settings/account – the account's name and language (only the languages
// Parley has a catalogue for, each named in itself).
export default async function AccountSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireSettingsPage(params);
  const row = await getAccountById(await getDb(), { accountId: account.id });
  const t = await getTranslations("settings");
  return (
    <>
      <PageHeader title={t("account.title")} />
      <Section title={t("account.general")}>
        <SimpleForm
          action={updateAccountAction.bind(null, account.id)}
          submitLabel={t("form.save")}
          fields={[
            { name: "name", label: t("account.name"), defaultValue: row?.name ?? account.name, span: 3 },
            {
              name: "locale",
              label: t("account.language"),
              type: "select",
              defaultValue: toLocale(row?.locale),
              span: 3,
              hint: t("account.languageHint"),
              options: LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] })),
            },
          ]}
        />
      </Section>
    </>
  );
}
