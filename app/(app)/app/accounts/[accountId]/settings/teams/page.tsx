import { getTranslations } from "next-intl/server";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { MembersForm } from "@/components/settings/members-form";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { listTeamMembers, listTeams } from "@/lib/teams/teams";
import { deleteTeamAction, saveTeamAction, updateTeamMembersAction } from "../actions/workflow-actions";
import { requireSettingsPage } from "../settings-page";

// /app/accounts/:accountId/settings/teams – teams of agents (WF2), their members and auto-assignment.
export default async function TeamsSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account, user } = await requireSettingsPage(params);
  const db = await getDb();
  const [teams, agents] = await Promise.all([listTeams(db, { accountId: account.id, viewerId: user.id }), listAgentsByAccount(db, { accountId: account.id })]);
  const members = await Promise.all(teams.map((x) => listTeamMembers(db, { accountId: account.id, teamId: x.id })));
  const save = saveTeamAction.bind(null, account.id);
  const t = await getTranslations("workflow.settings");
  const fields = (x?: (typeof teams)[number]) => [
    ...(x ? [{ name: "id", label: "", type: "hidden" as const, defaultValue: String(x.id) }] : []),
    { name: "name", label: t("name"), defaultValue: x?.name ?? "", placeholder: "Billing", span: 2 },
    { name: "description", label: t("descriptionField"), defaultValue: x?.description ?? "", span: 4 },
    { name: "allow_auto_assign", label: t("autoAssign"), type: "checkbox" as const, defaultValue: x ? String(x.allow_auto_assign) : "true" },
  ];
  const agentRows = agents.map((a) => ({ id: a.id, name: a.available_name, email: a.email, role: a.role }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-5">
        <Section title={t("create")}>
          <SimpleForm action={save} submitLabel={t("create")} fields={fields()} />
        </Section>
        {teams.length === 0 && <p className="rounded-lg border border-slate-200 bg-white px-4 py-6 text-sm text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400">{t("empty")}</p>}
        {teams.map((x, i) => (
          <Section key={x.id} title={x.name} description={x.allow_auto_assign ? t("autoAssignOn") : undefined}>
            <div className="space-y-4">
              <div className="flex items-start gap-3">
                <div className="flex-1">
                  <SimpleForm compact action={save} submitLabel={t("save")} kind="secondary" fields={fields(x)} />
                </div>
                <SimpleForm
                  compact
                  action={deleteTeamAction.bind(null, account.id)}
                  submitLabel={t("delete")}
                  kind="danger"
                  confirm={t("deleteConfirm", { name: x.name })}
                  fields={[{ name: "id", label: "", type: "hidden", defaultValue: String(x.id) }]}
                />
              </div>
              <div>
                <h3 className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-200">{t("members")}</h3>
                <MembersForm action={updateTeamMembersAction.bind(null, account.id, x.id)} agents={agentRows} memberIds={members[i]!.map((m) => m.id)} />
              </div>
            </div>
          </Section>
        ))}
      </div>
    </>
  );
}
