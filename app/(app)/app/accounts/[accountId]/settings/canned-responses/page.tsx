import { getTranslations } from "next-intl/server";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { listCannedResponses } from "@/lib/canned-responses/canned-responses";
import { deleteCannedResponseAction, saveCannedResponseAction } from "../actions/team-actions";
import { requireSettingsPage } from "../settings-page";

// /app/accounts/:accountId/settings/canned-responses – saved replies agents insert with `/short_code`.
export default async function CannedResponsesSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireSettingsPage(params);
  const list = await listCannedResponses(await getDb(), { accountId: account.id });
  const save = saveCannedResponseAction.bind(null, account.id);
  const t = await getTranslations("settings");
  return (
    <>
      <PageHeader title={t("canned.title")} description={t("canned.description")} />
      <div className="space-y-5">
        <Section title={t("canned.new")}>
          <SimpleForm
            action={save}
            submitLabel={t("canned.add")}
            fields={[
              { name: "short_code", label: t("canned.shortCode"), placeholder: "refund", span: 2 },
              { name: "content", label: t("canned.content"), type: "textarea", span: 4 },
            ]}
          />
        </Section>
        <ul aria-label={t("canned.list")} className="divide-y divide-slate-100 dark:divide-slate-800 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
          {list.length === 0 && <li className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">{t("canned.empty")}</li>}
          {list.map((c) => (
            <li key={c.id} className="flex items-start gap-3 px-4 py-3">
              <div className="flex-1">
                <SimpleForm
                  compact
                  action={save}
                  submitLabel={t("form.save")}
                  kind="secondary"
                  fields={[
                    { name: "id", label: "", type: "hidden", defaultValue: String(c.id) },
                    { name: "short_code", label: t("canned.shortCode"), defaultValue: c.shortCode },
                    { name: "content", label: t("canned.content"), type: "textarea", defaultValue: c.content },
                  ]}
                />
              </div>
              <div>
                <SimpleForm
                  compact
                  action={deleteCannedResponseAction.bind(null, account.id)}
                  submitLabel={t("canned.delete")}
                  kind="danger"
                  confirm={t("canned.confirmDelete", { code: c.shortCode })}
                  fields={[{ name: "id", label: "", type: "hidden", defaultValue: String(c.id) }]}
                />
              </div>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
