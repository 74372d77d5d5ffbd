import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { CopyBox } from "@/components/settings/copy-box";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { InboxWidgetForm } from "@/components/settings/inbox-widget-form";
import { MembersForm } from "@/components/settings/members-form";
import { SimpleForm } from "@/components/settings/simple-form";
import { WorkingHoursForm } from "@/components/settings/working-hours-form";
import { getDb } from "@/db/client";
import { listAgentBots } from "@/lib/agent-bots/agent-bots";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { embedSnippet } from "@/lib/inboxes/embed-snippet";
import { getInboxWithSettingsById } from "@/lib/inboxes/get-inbox";
import { inboxFormValues } from "@/lib/settings/inbox-form-values";
import { setInboxAgentBotAction } from "../../actions/agent-bot-actions";
import { deleteInboxAction, rotateApiSecretAction, rotateHmacAction, updateAssignmentAction, updateInboxAction, updateMembersAction, updateWorkingHoursAction } from "../../actions/inbox-actions";
import { requireSettingsPage } from "../../settings-page";

// /app/accounts/:accountId/settings/inboxes/:inboxId – one inbox's editor, section by section (SPEC §10; an API inbox's channel AP1/AP2, the agent bot AB2).
export default async function InboxSettingsPage({ params }: { params: Promise<{ accountId: string; inboxId: string }> }) {
  const { account } = await requireSettingsPage(params);
  const { inboxId: rawInboxId } = await params;
  if (!/^[1-9]\d{0,8}$/.test(rawInboxId)) notFound();
  const db = await getDb();
  const inboxId = Number(rawInboxId);
  const found = await getInboxWithSettingsById(db, { accountId: account.id, inboxId }).catch(() => notFound());
  const [agents, members, bots] = await Promise.all([
    listAgentsByAccount(db, { accountId: account.id }),
    listAgentsByAccount(db, { accountId: account.id, inboxId }),
    listAgentBots(db, { accountId: account.id }),
  ]);
  const api = found.inbox.channelType === "api";
  const { widget, hours, assignment, flags, preChatFields } = inboxFormValues(found);
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  const bind = <A extends unknown[], R>(fn: (accountId: number, inboxId: number, ...rest: A) => R) => fn.bind(null, account.id, inboxId);
  const timeZones = Intl.supportedValuesOf("timeZone");
  const t = await getTranslations("settings.inbox");

  return (
    <>
      <PageHeader title={found.inbox.name} description={api ? t("apiChannel") : t("description")} />
      <div className="space-y-5">
        {api ? (
          <Section title={t("apiChannel")} description={t("apiChannelDescription")}>
            <dl className="mb-3 grid grid-cols-1 gap-1 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className="text-slate-500 dark:text-slate-400">{t("channelType")}</dt>
              <dd className="font-mono text-slate-800 dark:text-slate-200">Channel::Api</dd>
            </dl>
            {found.webWidget && <CopyBox label={t("identifier")} text={found.webWidget.websiteToken} />}
            <div className="mt-3 space-y-3">
              <SimpleForm
                action={bind(updateInboxAction)}
                submitLabel={t("saveWebhook")}
                kind="secondary"
                fields={[{ name: "channel.webhook_url", label: t("webhookUrl"), defaultValue: found.apiChannel?.webhookUrl ?? "", placeholder: "https://app.example.com/parley", span: 6 }]}
              />
              <SimpleForm action={bind(rotateApiSecretAction)} fields={[]} submitLabel={t("rotateApiSecret")} kind="secondary" confirm={t("rotateApiConfirm")} secretLabel={t("apiSecret")} />
            </div>
          </Section>
        ) : (
          <>
            <Section title={t("embed")} description={t("embedDescription")}>
              {found.webWidget && <CopyBox label={t("embed")} text={embedSnippet(found.webWidget.websiteToken, origin, found.webWidget.widgetColor)} rows={3} />}
            </Section>
            <InboxWidgetForm action={bind(updateInboxAction)} initial={widget} flags={flags} preChatFields={preChatFields} />
          </>
        )}
        <Section title={t("agentBot")} description={t("agentBotDescription")}>
          <SimpleForm
            action={bind(setInboxAgentBotAction)}
            submitLabel={t("saveBot")}
            kind="secondary"
            fields={[
              {
                name: "agent_bot",
                label: t("agentBot"),
                type: "select",
                defaultValue: found.inbox.agentBotId ? String(found.inbox.agentBotId) : "",
                span: 3,
                options: [{ value: "", label: t("noBot") }, ...bots.map((b) => ({ value: String(b.id), label: b.name }))],
              },
            ]}
          />
        </Section>
        <Section title={t("hours")} description={t("hoursDescription")}>
          <WorkingHoursForm action={bind(updateWorkingHoursAction)} initial={hours} timeZones={timeZones} />
        </Section>
        <Section title={t("members")} description={t("membersDescription")}>
          <MembersForm action={bind(updateMembersAction)} agents={agents} memberIds={members.map((m) => m.id)} />
        </Section>
        <Section title={t("assignment")} description={t("assignmentDescription")}>
          <SimpleForm
            action={bind(updateAssignmentAction)}
            submitLabel={t("saveAssignment")}
            fields={[
              { name: "enable_auto_assignment", label: t("autoAssign"), type: "checkbox", defaultValue: assignment.enable_auto_assignment },
              {
                name: "auto_assignment_config.mode",
                label: t("mode"),
                type: "select",
                defaultValue: assignment.mode,
                span: 2,
                options: [
                  { value: "round_robin", label: t("roundRobin") },
                  { value: "balanced", label: t("balanced") },
                ],
              },
              { name: "auto_assignment_config.max_assignment_limit", label: t("maxOpen"), type: "number", defaultValue: assignment.max, span: 2, placeholder: t("noLimit") },
              { name: "auto_assignment_config.fair_distribution_limit", label: t("fairLimit"), type: "number", defaultValue: assignment.fairLimit, span: 2 },
              { name: "auto_assignment_config.fair_distribution_window_s", label: t("fairWindow"), type: "number", defaultValue: assignment.fairWindow, span: 2 },
            ]}
          />
        </Section>
        <Section title={t("identity")} description={t("identityDescription")}>
          {found.webWidget && <CopyBox label={t("hmacSecret")} text={found.webWidget.hmacToken} secret />}
          <div className="mt-3">
            <SimpleForm action={bind(rotateHmacAction)} fields={[]} submitLabel={t("rotateSecret")} kind="secondary" confirm={t("rotateConfirm")} />
          </div>
        </Section>
        <Section title={t("danger")}>
          <SimpleForm action={bind(deleteInboxAction)} fields={[]} submitLabel={t("delete")} kind="danger" confirm={t("deleteConfirm", { name: found.inbox.name })} />
        </Section>
      </div>
    </>
  );
}
