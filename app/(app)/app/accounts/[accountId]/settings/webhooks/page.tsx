import { getTranslations } from "next-intl/server";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { WEBHOOK_EVENTS, type Webhook } from "@/db/schema";
import { listInboxesWithSettings } from "@/lib/inboxes/list-inboxes";
import { listDeliveries, listWebhooks, presentDelivery } from "@/lib/webhooks/webhooks";
import { createWebhookAction, deleteWebhookAction, retryDeliveryAction, rotateWebhookSecretAction, testWebhookAction, updateWebhookAction } from "../actions/webhook-actions";
import { requireSettingsPage } from "../settings-page";

const STATUS_CLASS = {
  delivered: "bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300",
  pending: "bg-amber-50 text-amber-700 dark:bg-amber-950 dark:text-amber-300",
  failed: "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300",
} as const;

// /app/accounts/:accountId/settings/webhooks – webhooks, their subscriptions, a test event and the delivery log (WH5).
export default async function WebhooksSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account, user } = await requireSettingsPage(params);
  const db = await getDb();
  const hooks = await listWebhooks(db, { accountId: account.id });
  const logs = await Promise.all(hooks.map(async (h) => (await listDeliveries(db, { accountId: account.id, id: h.id })).map(presentDelivery)));
  const inboxes = await listInboxesWithSettings(db, { accountId: account.id, user: { id: user.id, role: "administrator" } });
  const t = await getTranslations("settings");
  const hidden = (name: string, value: number) => ({ name, label: "", type: "hidden" as const, defaultValue: String(value) });
  const fields = (h?: Webhook) => [
    ...(h ? [hidden("id", h.id)] : []),
    { name: "url", label: t("webhooks.url"), defaultValue: h?.url ?? "", placeholder: "https://example.com/parley", span: 4 },
    { name: "name", label: t("webhooks.name"), defaultValue: h?.name ?? "", span: 2 },
    {
      name: "inbox_id",
      label: t("webhooks.inbox"),
      type: "select" as const,
      defaultValue: h?.inboxId ? String(h.inboxId) : "",
      options: [{ value: "", label: t("webhooks.allInboxes") }, ...inboxes.map(({ inbox }) => ({ value: String(inbox.id), label: inbox.name }))],
      hint: t("webhooks.inboxHint"),
      span: 3,
    },
    ...WEBHOOK_EVENTS.map((e) => ({ name: `sub.${e}`, label: e, type: "checkbox" as const, defaultValue: String(h ? h.subscriptions.includes(e) : e.startsWith("message_")) })),
  ];
  return (
    <>
      <PageHeader title={t("webhooks.title")} description={t("webhooks.description")} />
      <div className="space-y-5">
        <Section title={t("webhooks.new")}>
          <SimpleForm action={createWebhookAction.bind(null, account.id)} submitLabel={t("webhooks.add")} secretLabel={t("webhooks.secret")} fields={fields()} />
        </Section>
        {hooks.length === 0 && (
          <p className="rounded-lg border border-slate-200 bg-white px-4 py-6 text-sm text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400">{t("webhooks.empty")}</p>
        )}
        {hooks.map((h, i) => (
          <Section key={h.id} title={h.name || h.url}>
            <div className="space-y-4">
              <SimpleForm action={updateWebhookAction.bind(null, account.id)} submitLabel={t("form.save")} kind="secondary" fields={fields(h)} />
              <div className="flex flex-wrap gap-2">
                <SimpleForm compact action={testWebhookAction.bind(null, account.id)} submitLabel={t("webhooks.sendTest")} kind="secondary" fields={[hidden("id", h.id)]} />
                <SimpleForm
                  compact
                  action={rotateWebhookSecretAction.bind(null, account.id)}
                  submitLabel={t("webhooks.rotate")}
                  kind="secondary"
                  confirm={t("webhooks.confirmRotate")}
                  secretLabel={t("webhooks.secret")}
                  fields={[hidden("id", h.id)]}
                />
                <SimpleForm
                  compact
                  action={deleteWebhookAction.bind(null, account.id)}
                  submitLabel={t("webhooks.delete")}
                  kind="danger"
                  confirm={t("webhooks.confirmDelete", { url: h.url })}
                  fields={[hidden("id", h.id)]}
                />
              </div>
              <div>
                <h3 className="mb-2 text-sm font-medium text-slate-800 dark:text-slate-200">{t("webhooks.log", { count: logs[i]!.length })}</h3>
                {logs[i]!.length === 0 ? (
                  <p className="text-sm text-slate-500 dark:text-slate-400">{t("webhooks.logEmpty")}</p>
                ) : (
                  <div className="overflow-x-auto">
                    <table className="w-full min-w-[640px] text-left text-xs">
                      <thead className="text-slate-500 dark:text-slate-400">
                        <tr>
                          <th className="py-1 pr-3 font-medium">{t("webhooks.colEvent")}</th>
                          <th className="py-1 pr-3 font-medium">{t("webhooks.colStatus")}</th>
                          <th className="py-1 pr-3 font-medium">{t("webhooks.colAttempts")}</th>
                          <th className="py-1 pr-3 font-medium">{t("webhooks.colResponse")}</th>
                          <th className="py-1 pr-3 font-medium">{t("webhooks.colWhen")}</th>
                          <th className="py-1 font-medium">
                            <span className="sr-only">{t("webhooks.retry")}</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100 text-slate-700 dark:divide-slate-800 dark:text-slate-300">
                        {logs[i]!.map((d) => (
                          <tr key={d.id}>
                            <td className="py-1.5 pr-3 font-mono">{d.event}</td>
                            <td className="py-1.5 pr-3">
                              <span className={`rounded px-1.5 py-0.5 ${STATUS_CLASS[d.status]}`}>{t(`webhooks.status.${d.status}`)}</span>
                            </td>
                            <td className="py-1.5 pr-3">{d.attempts}</td>
                            <td className="max-w-[16rem] truncate py-1.5 pr-3" title={d.response_excerpt ?? d.error ?? ""}>
                              {d.response_status !== null ? `${d.response_status} · ${d.latency_ms} ms` : (d.error ?? "—")}
                            </td>
                            <td className="py-1.5 pr-3 whitespace-nowrap">
                              <time dateTime={d.created_at}>{d.created_at.replace("T", " ").slice(0, 19)}</time>
                            </td>
                            <td className="py-1.5">
                              {d.status !== "delivered" && (
                                <SimpleForm
                                  compact
                                  action={retryDeliveryAction.bind(null, account.id)}
                                  submitLabel={t("webhooks.retry")}
                                  kind="secondary"
                                  fields={[hidden("id", h.id), hidden("delivery_id", d.id)]}
                                />
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </div>
            </div>
          </Section>
        ))}
      </div>
    </>
  );
}
