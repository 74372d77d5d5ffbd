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
  return (
    <>
      <PageHeader title="Canned responses" description="Type / and the short code in the composer to insert one." />
      <div className="space-y-5">
        <Section title="New canned response">
          <SimpleForm
            action={save}
            submitLabel="Add canned response"
            fields={[
              { name: "short_code", label: "Short code", placeholder: "refund", span: 2 },
              { name: "content", label: "Content", type: "textarea", span: 4 },
            ]}
          />
        </Section>
        <ul aria-label="Canned responses" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {list.length === 0 && <li className="px-4 py-6 text-sm text-slate-500">No canned responses yet.</li>}
          {list.map((c) => (
            <li key={c.id} className="flex items-start gap-3 px-4 py-3">
              <div className="flex-1">
                <SimpleForm
                  compact
                  action={save}
                  submitLabel="Save"
                  kind="secondary"
                  fields={[
                    { name: "id", label: "", type: "hidden", defaultValue: String(c.id) },
                    { name: "short_code", label: "Short code", defaultValue: c.shortCode },
                    { name: "content", label: "Content", type: "textarea", defaultValue: c.content },
                  ]}
                />
              </div>
              <div>
                <SimpleForm compact action={deleteCannedResponseAction.bind(null, account.id)} submitLabel="Delete" kind="danger" confirm={`Delete /${c.shortCode}?`} fields={[{ name: "id", label: "", type: "hidden", defaultValue: String(c.id) }]} />
              </div>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
