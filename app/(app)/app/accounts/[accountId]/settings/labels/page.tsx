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
  const fields = (l?: (typeof list)[number]) => [
    ...(l ? [{ name: "id", label: "", type: "hidden" as const, defaultValue: String(l.id) }] : []),
    { name: "title", label: "Title", defaultValue: l?.title ?? "", placeholder: "billing", span: 2 },
    { name: "color", label: "Colour", type: "color" as const, defaultValue: l?.color ?? "#1f93ff", span: 2 },
    { name: "description", label: "Description", defaultValue: l?.description ?? "", span: 2 },
    { name: "show_on_sidebar", label: "Show in the sidebar", type: "checkbox" as const, defaultValue: l ? String(l.showOnSidebar) : "true" },
  ];
  return (
    <>
      <PageHeader title="Labels" description="Lower-case letters, numbers, hyphens and underscores." />
      <div className="space-y-5">
        <Section title="New label">
          <SimpleForm action={save} submitLabel="Add label" fields={fields()} />
        </Section>
        <ul aria-label="Labels" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {list.length === 0 && <li className="px-4 py-6 text-sm text-slate-500">No labels yet.</li>}
          {list.map((l) => (
            <li key={l.id} className="flex items-start gap-3 px-4 py-3">
              <span aria-hidden className="mt-3 h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: l.color }} />
              <div className="flex-1">
                <SimpleForm compact action={save} submitLabel="Save" kind="secondary" fields={fields(l)} />
              </div>
              <div>
                <SimpleForm compact action={deleteLabelAction.bind(null, account.id)} submitLabel="Delete" kind="danger" confirm={`Delete the label ${l.title}?`} fields={[{ name: "id", label: "", type: "hidden", defaultValue: String(l.id) }]} />
              </div>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
