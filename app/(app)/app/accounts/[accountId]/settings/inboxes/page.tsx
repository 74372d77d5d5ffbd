import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { listInboxesWithSettings } from "@/lib/inboxes/list-inboxes";
import { createInboxAction } from "../actions/inbox-actions";
import { requireSettingsPage } from "../settings-page";

// /app/accounts/:accountId/settings/inboxes – the inboxes (website or API channel, AP1), and a new one.
export default async function InboxesSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { user, account, base } = await requireSettingsPage(params);
  const t = await getTranslations("settings.inboxes");
  const list = await listInboxesWithSettings(await getDb(), { accountId: account.id, user: { id: user.id, role: account.role } });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-5">
        <ul aria-label={t("list")} className="divide-y divide-slate-100 dark:divide-slate-800 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
          {list.length === 0 && <li className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">{t("empty")}</li>}
          {list.map(({ inbox, webWidget }) => (
            <li key={inbox.id} className="flex items-center gap-3 px-4 py-3">
              <span aria-hidden className="h-3 w-3 rounded-full" style={{ backgroundColor: webWidget?.widgetColor ?? "#1f93ff" }} />
              <Link href={`${base}/inboxes/${inbox.id}`} className="flex-1 text-sm font-medium text-slate-900 dark:text-slate-100 hover:text-brand-700 dark:hover:text-white">
                {inbox.name}
              </Link>
              <span className="text-xs text-slate-500 dark:text-slate-400">{inbox.channelType === "api" ? t("api") : (webWidget?.websiteUrl ?? t("website"))}</span>
              <Link href={`${base}/inboxes/${inbox.id}`} className="text-sm text-brand-600 dark:text-brand-100 hover:underline">
                {t("settings")}
              </Link>
            </li>
          ))}
        </ul>
        <Section title={t("new")}>
          <SimpleForm
            action={createInboxAction.bind(null, account.id)}
            submitLabel={t("create")}
            secretLabel={t("api")}
            fields={[
              { name: "name", label: t("name"), placeholder: t("namePlaceholder"), span: 6 },
              {
                name: "channel.type",
                label: t("channelType"),
                type: "select",
                defaultValue: "web_widget",
                span: 2,
                options: [
                  { value: "web_widget", label: t("channelWebsite") },
                  { value: "api", label: t("channelApi") },
                ],
              },
              { name: "channel.website_url", label: t("websiteUrl"), placeholder: "https://www.example.com", span: 2 },
              { name: "channel.webhook_url", label: t("webhookUrl"), placeholder: "https://app.example.com/parley", span: 2 },
            ]}
          />
        </Section>
      </div>
    </>
  );
}
