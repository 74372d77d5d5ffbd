import { getTranslations } from "next-intl/server";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { listLabels } from "@/lib/labels/labels";
import { deleteLabelAction, saveLabelAction } from "../actions/team-actions";
import { requireSettingsPage } from "../settings-page";

// /app/accounts/:accountId/settings/labels – labels agents put on conversations.
export default async function LabelsSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireSettingsPage(params);
  const list = await listLabels(await getDb(), { accountId: account.id });
  const save = saveLabelAction.bind(null, account.id);
  const t = await getTranslations("settings");
  const fields = (l?: (typeof list)[number]) => [
    ...(l ? [{ name: "id", label: "", type: "hidden" as const, defaultValue: String(l.id) }] : []),
    { name: "title", label: t("labels.fieldTitle"), defaultValue: l?.title ?? "", placeholder: "billing", span: 2 },
    { name: "color", label: t("labels.colour"), type: "color" as const, defaultValue: l?.color ?? "#1f93ff", span: 2 },
    { name: "description", label: t("labels.fieldDescription"), defaultValue: l?.description ?? "", span: 2 },
    { name: "show_on_sidebar", label: t("labels.showOnSidebar"), type: "checkbox" as const, defaultValue: l ? String(l.showOnSidebar) : "true" },
  ];
  return (
    <>
      <PageHeader title={t("labels.title")} description={t("labels.description")} />
      <div className="space-y-5">
        <Section title={t("labels.new")}>
          <SimpleForm action={save} submitLabel={t("labels.add")} fields={fields()} />
        </Section>
        <ul aria-label={t("labels.list")} className="divide-y divide-slate-100 dark:divide-slate-800 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
          {list.length === 0 && <li className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">{t("labels.empty")}</li>}
          {list.map((l) => (
            <li key={l.id} className="flex items-start gap-3 px-4 py-3">
              <span aria-hidden className="mt-3 h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: l.color }} />
              <div className="flex-1">
                <SimpleForm compact action={save} submitLabel={t("form.save")} kind="secondary" fields={fields(l)} />
              </div>
              <div>
                <SimpleForm
                  compact
                  action={deleteLabelAction.bind(null, account.id)}
                  submitLabel={t("labels.delete")}
                  kind="danger"
                  confirm={t("labels.confirmDelete", { title: l.title })}
                  fields={[{ name: "id", label: "", type: "hidden", defaultValue: String(l.id) }]}
                />
              </div>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
