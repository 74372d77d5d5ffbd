import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { getAccountById, LOCALES } from "@/lib/accounts/update-account";
import { updateAccountAction } from "../actions/team-actions";
import { requireSettingsPage } from "../settings-page";

const NAMES: Record<string, string> = { en: "English", de: "Deutsch", fr: "Français", es: "Español", pt: "Português", nl: "Nederlands", it: "Italiano" };

// /app/accounts/:accountId/settings/account – the account's name and language.
export default async function AccountSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireSettingsPage(params);
  const row = await getAccountById(await getDb(), { accountId: account.id });
  return (
    <>
      <PageHeader title="Account" />
      <Section title="General">
        <SimpleForm
          action={updateAccountAction.bind(null, account.id)}
          submitLabel="Save"
          fields={[
            { name: "name", label: "Account name", defaultValue: row?.name ?? account.name, span: 3 },
            { name: "locale", label: "Language", type: "select", defaultValue: row?.locale ?? "en", span: 3, options: LOCALES.map((l) => ({ value: l, label: NAMES[l] ?? l })) },
          ]}
        />
      </Section>
    </>
  );
}
