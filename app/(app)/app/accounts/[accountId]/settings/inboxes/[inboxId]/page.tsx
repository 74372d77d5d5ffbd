import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { CopyBox } from "@/components/settings/copy-box";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { InboxWidgetForm } from "@/components/settings/inbox-widget-form";
import { MembersForm } from "@/components/settings/members-form";
import { SimpleForm } from "@/components/settings/simple-form";
import { WorkingHoursForm } from "@/components/settings/working-hours-form";
import { getDb } from "@/db/client";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { embedSnippet } from "@/lib/inboxes/embed-snippet";
import { getInboxWithSettingsById } from "@/lib/inboxes/get-inbox";
import { inboxFormValues } from "@/lib/settings/inbox-form-values";
import {
  deleteInboxAction,
  rotateHmacAction,
  updateAssignmentAction,
  updateInboxAction,
  updateMembersAction,
  updateWorkingHoursAction,
} from "../../actions/inbox-actions";
import { requireSettingsPage } from "../../settings-page";

// /app/accounts/:accountId/settings/inboxes/:inboxId – one inbox's editor, section by section (SPEC §10).
export default async function InboxSettingsPage({ params }: { params: Promise<{ accountId: string; inboxId: string }> }) {
  const { account } = await requireSettingsPage(params);
  const { inboxId: rawInboxId } = await params;
  if (!/^[1-9]\d{0,8}$/.test(rawInboxId)) notFound();
  const db = await getDb();
  const inboxId = Number(rawInboxId);
  const found = await getInboxWithSettingsById(db, { accountId: account.id, inboxId }).catch(() => notFound());
  const [agents, members] = await Promise.all([listAgentsByAccount(db, { accountId: account.id }), listAgentsByAccount(db, { accountId: account.id, inboxId })]);
  const { widget, hours, assignment, flags, preChatFields } = inboxFormValues(found);
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  const bind = <A extends unknown[], R>(fn: (accountId: number, inboxId: number, ...rest: A) => R) => fn.bind(null, account.id, inboxId);
  const timeZones = Intl.supportedValuesOf("timeZone");

  return (
    <>
      <PageHeader title={found.inbox.name} description="Website inbox" />
      <div className="space-y-5">
        <Section title="Embed snippet" description="Paste this before </body> on every page that should show the chat.">
          {found.webWidget && <CopyBox label="Embed snippet" text={embedSnippet(found.webWidget.websiteToken, origin)} rows={3} />}
        </Section>
        <InboxWidgetForm action={bind(updateInboxAction)} initial={widget} flags={flags} preChatFields={preChatFields} />
        <Section title="Business hours" description="Visitors see whether you are online; outside these hours they see the out-of-office message.">
          <WorkingHoursForm action={bind(updateWorkingHoursAction)} initial={hours} timeZones={timeZones} />
        </Section>
        <Section title="Members" description="Agents who answer this inbox.">
          <MembersForm action={bind(updateMembersAction)} agents={agents} memberIds={members.map((m) => m.id)} />
        </Section>
        <Section title="Auto-assignment" description="New conversations go to an online member; leave the limit empty for no limit.">
          <SimpleForm
            action={bind(updateAssignmentAction)}
            submitLabel="Save assignment"
            fields={[
              { name: "enable_auto_assignment", label: "Assign new conversations automatically", type: "checkbox", defaultValue: assignment.enable_auto_assignment },
              { name: "auto_assignment_config.mode", label: "Mode", type: "select", defaultValue: assignment.mode, span: 2, options: [{ value: "round_robin", label: "Round robin" }, { value: "balanced", label: "Balanced (fewest open first)" }] },
              { name: "auto_assignment_config.max_assignment_limit", label: "Max open per agent", type: "number", defaultValue: assignment.max, span: 2, placeholder: "No limit" },
              { name: "auto_assignment_config.fair_distribution_limit", label: "Fair-distribution limit", type: "number", defaultValue: assignment.fairLimit, span: 2 },
              { name: "auto_assignment_config.fair_distribution_window_s", label: "Fair-distribution window (seconds)", type: "number", defaultValue: assignment.fairWindow, span: 2 },
            ]}
          />
        </Section>
        <Section title="Identity verification" description="Sign identifiers with this secret (HMAC-SHA256) on your server and pass identifier_hash to Parley.setUser.">
          {found.webWidget && <CopyBox label="HMAC secret" text={found.webWidget.hmacToken} secret />}
          <div className="mt-3">
            <SimpleForm action={bind(rotateHmacAction)} fields={[]} submitLabel="Rotate secret" kind="secondary" confirm="Identifier hashes made with the current secret will stop verifying. Rotate?" />
          </div>
        </Section>
        <Section title="Danger zone">
          <SimpleForm action={bind(deleteInboxAction)} fields={[]} submitLabel="Delete inbox" kind="danger" confirm={`Delete ${found.inbox.name} with all its conversations?`} />
        </Section>
      </div>
    </>
  );
}
