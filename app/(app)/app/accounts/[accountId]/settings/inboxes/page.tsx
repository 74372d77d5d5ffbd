import Link from "next/link";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { listInboxesWithSettings } from "@/lib/inboxes/list-inboxes";
import { createInboxAction } from "../actions/inbox-actions";
import { requireSettingsPage } from "../settings-page";

// /app/accounts/:accountId/settings/inboxes – the website inboxes, and a new one.
export default async function InboxesSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { user, account, base } = await requireSettingsPage(params);
  const list = await listInboxesWithSettings(await getDb(), { accountId: account.id, user: { id: user.id, role: account.role } });
  return (
    <>
      <PageHeader title="Inboxes" description="Each inbox is a chat widget on one of your websites." />
      <div className="space-y-5">
        <ul aria-label="Inboxes" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {list.length === 0 && <li className="px-4 py-6 text-sm text-slate-500">No inboxes yet. Create one below.</li>}
          {list.map(({ inbox, webWidget }) => (
            <li key={inbox.id} className="flex items-center gap-3 px-4 py-3">
              <span aria-hidden className="h-3 w-3 rounded-full" style={{ backgroundColor: webWidget?.widgetColor ?? "#1f93ff" }} />
              <Link href={`${base}/inboxes/${inbox.id}`} className="flex-1 text-sm font-medium text-slate-900 hover:text-brand-700">
                {inbox.name}
              </Link>
              <span className="text-xs text-slate-500">{webWidget?.websiteUrl ?? "Website"}</span>
              <Link href={`${base}/inboxes/${inbox.id}`} className="text-sm text-brand-600 hover:underline">
                Settings
              </Link>
            </li>
          ))}
        </ul>
        <Section title="New website inbox">
          <SimpleForm
            action={createInboxAction.bind(null, account.id)}
            submitLabel="Create inbox"
            fields={[
              { name: "name", label: "Inbox name", placeholder: "Website", span: 3 },
              { name: "channel.website_url", label: "Website URL", placeholder: "https://www.example.com", span: 3 },
            ]}
          />
        </Section>
      </div>
    </>
  );
}
