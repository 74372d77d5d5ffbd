import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { createAgentAction, removeAgentAction, updateAgentAction } from "../actions/team-actions";
import { requireSettingsPage } from "../settings-page";

const ROLES = [
  { value: "agent", label: "Agent" },
  { value: "administrator", label: "Administrator" },
];
const DOT = { online: "bg-emerald-500", busy: "bg-amber-500", offline: "bg-slate-300" } as const;

// /app/accounts/:accountId/settings/agents – who works in this account, their role and availability.
export default async function AgentsSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { user, account } = await requireSettingsPage(params);
  const agents = await listAgentsByAccount(await getDb(), { accountId: account.id });
  return (
    <>
      <PageHeader title="Agents" description="People who answer conversations. Administrators can also change settings." />
      <div className="space-y-5">
        <ul aria-label="Agents" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {agents.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-4 px-4 py-3">
              <div className="min-w-48 flex-1">
                <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
                  <span aria-hidden className={`h-2 w-2 rounded-full ${DOT[a.availability_status]}`} />
                  {a.name}
                  {a.id === user.id && <span className="text-xs font-normal text-slate-500">(you)</span>}
                </p>
                <p className="text-xs text-slate-500">
                  {a.email} · <span className="capitalize">{a.availability_status}</span>
                </p>
              </div>
              <div className="w-72">
                <SimpleForm
                  compact
                  action={updateAgentAction.bind(null, account.id)}
                  submitLabel="Change role"
                  kind="secondary"
                  fields={[
                    { name: "id", label: "", type: "hidden", defaultValue: String(a.id) },
                    { name: "role", label: `Role of ${a.name}`, type: "select", defaultValue: a.role, options: ROLES },
                  ]}
                />
              </div>
              {a.id !== user.id && (
                <SimpleForm
                  compact
                  action={removeAgentAction.bind(null, account.id)}
                  submitLabel="Remove"
                  kind="danger"
                  confirm={`Remove ${a.name} from ${account.name}? Their open conversations go back to assignment.`}
                  fields={[{ name: "id", label: "", type: "hidden", defaultValue: String(a.id) }]}
                />
              )}
            </li>
          ))}
        </ul>
        <Section title="Add an agent" description="Leave the password empty to generate one; it is shown once so you can pass it on.">
          <SimpleForm
            action={createAgentAction.bind(null, account.id)}
            submitLabel="Add agent"
            fields={[
              { name: "name", label: "Name", span: 3 },
              { name: "email", label: "Email", type: "email", span: 3 },
              { name: "role", label: "Role", type: "select", defaultValue: "agent", options: ROLES, span: 3 },
              { name: "password", label: "Initial password (optional)", type: "password", span: 3 },
            ]}
          />
        </Section>
      </div>
    </>
  );
}
