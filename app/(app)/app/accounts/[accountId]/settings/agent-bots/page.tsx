import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import type { AgentBot } from "@/db/schema";
import { listAgentBots } from "@/lib/agent-bots/agent-bots";
import { listInboxesWithSettings } from "@/lib/inboxes/list-inboxes";
import { createAgentBotAction, deleteAgentBotAction, resetAgentBotTokenAction, updateAgentBotAction } from "../actions/agent-bot-actions";
import { requireSettingsPage } from "../settings-page";

// /app/accounts/:accountId/settings/agent-bots – the account's agent bots: create, edit, reset the token (shown once), the inboxes each answers (AB1, AB2).
export default async function AgentBotsSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { user, account, base } = await requireSettingsPage(params);
  const db = await getDb();
  const [bots, inboxes] = await Promise.all([listAgentBots(db, { accountId: account.id }), listInboxesWithSettings(db, { accountId: account.id, user: { id: user.id, role: account.role } })]);
  const t = await getTranslations("settings.agentBots");
  const hidden = (value: number) => ({ name: "id", label: "", type: "hidden" as const, defaultValue: String(value) });
  const fields = (b?: AgentBot) => [
    ...(b ? [hidden(b.id)] : []),
    { name: "name", label: t("name"), defaultValue: b?.name ?? "", span: 2 },
    { name: "outgoing_url", label: t("outgoingUrl"), defaultValue: b?.outgoingUrl ?? "", placeholder: "https://bot.example.com/parley", span: 4 },
    { name: "description", label: t("descriptionField"), defaultValue: b?.description ?? "", span: 3 },
    { name: "avatar_url", label: t("avatarUrl"), defaultValue: b?.avatarUrl ?? "", placeholder: "https://cdn.example.com/bot.png", span: 3 },
  ];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-5">
        <Section title={t("new")}>
          <SimpleForm action={createAgentBotAction.bind(null, account.id)} submitLabel={t("add")} secretLabel={t("token")} fields={fields()} />
        </Section>
        {bots.length === 0 && <p className="rounded-lg border border-slate-200 bg-white px-4 py-6 text-sm text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400">{t("empty")}</p>}
        {bots.map((b) => {
          const answers = inboxes.filter((i) => i.inbox.agentBotId === b.id);
          return (
            <Section key={b.id} title={b.name}>
              <div className="space-y-4">
                <SimpleForm action={updateAgentBotAction.bind(null, account.id)} submitLabel={t("save")} kind="secondary" fields={fields(b)} />
                <p className="text-sm text-slate-600 dark:text-slate-300">
                  {answers.length === 0 ? t("noInboxes") : t("inboxes")}{" "}
                  {answers.map((i, n) => (
                    <span key={i.inbox.id}>
                      {n > 0 && ", "}
                      <Link href={`${base}/inboxes/${i.inbox.id}`} className="text-brand-600 hover:underline dark:text-brand-100">
                        {i.inbox.name}
                      </Link>
                    </span>
                  ))}
                </p>
                <div className="flex flex-wrap gap-2">
                  <SimpleForm
                    compact
                    action={resetAgentBotTokenAction.bind(null, account.id)}
                    submitLabel={t("reset")}
                    kind="secondary"
                    confirm={t("confirmReset")}
                    secretLabel={t("token")}
                    fields={[hidden(b.id)]}
                  />
                  <SimpleForm
                    compact
                    action={deleteAgentBotAction.bind(null, account.id)}
                    submitLabel={t("delete")}
                    kind="danger"
                    confirm={t("confirmDelete", { name: b.name })}
                    fields={[hidden(b.id)]}
                  />
                </div>
              </div>
            </Section>
          );
        })}
      </div>
    </>
  );
}
