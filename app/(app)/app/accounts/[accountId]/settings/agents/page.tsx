import { getTranslations } from "next-intl/server";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { createAgentAction, removeAgentAction, updateAgentAction } from "../actions/team-actions";
import { requireSettingsPage } from "../settings-page";

const DOT = { online: "bg-emerald-500", busy: "bg-amber-500", offline: "bg-slate-300 dark:bg-slate-600" } as const;

// /app/accounts/:accountId/settings/agents – who works in this account, their role and availability.
export default async function AgentsSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { user, account } = await requireSettingsPage(params);
  const agents = await listAgentsByAccount(await getDb(), { accountId: account.id });
  const t = await getTranslations("settings");
  const ta = await getTranslations("availability");
  const ROLES = [
    { value: "agent", label: t("roles.agent") },
    { value: "administrator", label: t("roles.administrator") },
  ];
  return (
    <>
      <PageHeader title={t("agents.title")} description={t("agents.description")} />
      <div className="space-y-5">
        <ul aria-label={t("agents.list")} className="divide-y divide-slate-100 dark:divide-slate-800 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
          {agents.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-4 px-4 py-3">
              <div className="min-w-48 flex-1">
                <p className="flex items-center gap-2 text-sm font-medium text-slate-900 dark:text-slate-100">
                  <span aria-hidden className={`h-2 w-2 rounded-full ${DOT[a.availability_status]}`} />
                  {a.name}
                  {a.id === user.id && <span className="text-xs font-normal text-slate-500 dark:text-slate-400">{t("agents.you")}</span>}
                </p>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  {a.email} · <span>{ta(a.availability_status)}</span>
                </p>
              </div>
              <div className="w-72">
                <SimpleForm
                  compact
                  action={updateAgentAction.bind(null, account.id)}
                  submitLabel={t("agents.changeRole")}
                  kind="secondary"
                  fields={[
                    { name: "id", label: "", type: "hidden", defaultValue: String(a.id) },
                    { name: "role", label: t("agents.roleOf", { name: a.name }), type: "select", defaultValue: a.role, options: ROLES },
                  ]}
                />
              </div>
              {a.id !== user.id && (
                <SimpleForm
                  compact
                  action={removeAgentAction.bind(null, account.id)}
                  submitLabel={t("agents.remove")}
                  kind="danger"
                  confirm={t("agents.confirmRemove", { name: a.name, account: account.name })}
                  fields={[{ name: "id", label: "", type: "hidden", defaultValue: String(a.id) }]}
                />
              )}
            </li>
          ))}
        </ul>
        <Section title={t("agents.add")} description={t("agents.addDescription")}>
          <SimpleForm
            action={createAgentAction.bind(null, account.id)}
            submitLabel={t("agents.addSubmit")}
            fields={[
              { name: "name", label: t("agents.name"), span: 3 },
              { name: "email", label: t("agents.email"), type: "email", span: 3 },
              { name: "role", label: t("agents.role"), type: "select", defaultValue: "agent", options: ROLES, span: 3 },
              { name: "password", label: t("agents.password"), type: "password", span: 3 },
            ]}
          />
        </Section>
      </div>
    </>
  );
}
