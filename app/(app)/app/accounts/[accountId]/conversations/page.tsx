import { getTranslations } from "next-intl/server";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { OperatorApp } from "@/components/operator/operator-app";
import { nowSeconds, toRow, type Row } from "@/components/operator/list-model";
import { parsePlace, placeQuery } from "@/components/operator/url-state";
import { getDb } from "@/db/client";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { getSessionUser } from "@/lib/auth/session";
import { listConversations } from "@/lib/conversations/list-conversations";
import { loadOperatorCounts } from "@/lib/conversations/operator-counts";
import { listInboxesForUser } from "@/lib/inboxes/list-inboxes-for-user";
import { listLabels } from "@/lib/labels/labels";
import { listTeams } from "@/lib/teams/teams";
import { presentAppConversationList } from "@/lib/presenters/app-conversation";
import { getProfileByUser } from "@/lib/profile/profile";
import { latestCommittedSeq } from "@/lib/realtime/relay";
import { refreshOperatorCounts } from "./actions";
import { toSavedView } from "@/components/workflow/filter-conditions";
import type { CustomAttributeDefinition } from "@/db/schema";
import { compileConversationFilter, conversationFilterSchema, type CompiledFilter } from "@/lib/conversations/filter-conversations";
import { listCustomFilters } from "@/lib/custom-filters/custom-filters";
import { listDefinitions } from "@/lib/custom-attributes/definitions";
import { presentListMeta } from "@/lib/presenters/app-conversation-meta";

/**
 * A saved view's stored conditions or the URL's unsaved ones (`filter=`), compiled; null when they do
 * not hold (an attribute since deleted, a value the filter refuses): the list opens unfiltered.
 */
function compileConditions(payload: unknown[], definitions: CustomAttributeDefinition[]): CompiledFilter | null {
  const parsed = conversationFilterSchema.safeParse({ payload });
  if (!parsed.success) return null;
  try {
    return compileConversationFilter(parsed.data.payload, definitions);
  } catch {
    return null;
  }
}

// The tab title (U3 puts the unread count in front of it) in the agent's language.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("conversations") };
}

// /app/accounts/:accountId/conversations – the operator's three-column inbox (SPEC U1–U5): everything
// the first paint needs is read here; <OperatorApp> keeps it live from the stream.
export default async function ConversationsPage(props: { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ accountId: rawAccountId }, search] = await Promise.all([props.params, props.searchParams]);
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=/app/accounts/${encodeURIComponent(rawAccountId)}/conversations`);
  const account = user.accounts.find((a) => String(a.id) === rawAccountId);
  if (!account) notFound();

  const place = parsePlace({ get: (name) => (typeof search[name] === "string" ? (search[name] as string) : null) });
  const me = { id: user.id, role: account.role };
  const db = await getDb();
  // The stream position first: whatever commits after it is replayed to the client, so nothing
  // between this read and the stream's connect is lost (E5); what is in both is applied twice, harmlessly.
  const streamAfter = await latestCommittedSeq(db);
  // WF4: the caller's saved views; one opened by `?filter_id=` decides the list alone (as POST /conversations/filter),
  // and so do the unsaved conditions of `?filter=` (WF3).
  const [views, definitions] = await Promise.all([listCustomFilters(db, { accountId: account.id, userId: user.id, filterType: "conversation" }), listDefinitions(db, { accountId: account.id })]);
  const openView = place.viewId === null ? undefined : views.find((v) => v.id === place.viewId);
  const conditions = openView ? toSavedView(openView).conditions : place.conditions;
  const compiled = conditions?.length ? compileConditions(conditions, definitions) : null;
  // Unsaved conditions the filter refuses are dropped from the URL: the page shows what its address says.
  if (place.conditions && !compiled) redirect(`/app/accounts/${account.id}/conversations${placeQuery({ ...place, conditions: null })}`);
  const [list, counts, inboxes, agents, profile, labels, teams] = await Promise.all([
    listConversations(
      db,
      compiled
        ? { accountId: account.id, user: me, status: "all", filter: compiled, sortBy: place.sort }
        : {
            accountId: account.id,
            user: me,
            status: place.status,
            assigneeType: place.view === "mine" ? "me" : place.view,
            inboxId: place.inboxId ?? undefined,
            labels: place.label ? [place.label] : undefined,
            teamId: place.teamId ?? undefined,
            sortBy: place.sort,
          },
    ),
    loadOperatorCounts(db, { accountId: account.id, user: me, status: place.status, inboxId: place.inboxId }),
    listInboxesForUser(db, { accountId: account.id, user: me }),
    listAgentsByAccount(db, { accountId: account.id }),
    getProfileByUser({ db, userId: user.id }),
    listLabels(db, { accountId: account.id }),
    listTeams(db, { accountId: account.id, viewerId: user.id }),
  ]);
  const payload = await presentAppConversationList(db, list.items, { viewerId: user.id });
  const rows = payload.map((c) => toRow(c as unknown as Record<string, unknown>)).filter((r): r is Row => r !== null);
  const chosen = profile.accounts.find((a) => a.id === account.id)?.availability ?? "online";

  return (
    <OperatorApp
      loadCounts={refreshOperatorCounts}
      initial={{
        accountId: account.id,
        accountName: account.name,
        me: { id: user.id, name: user.name, email: user.email, role: account.role, availability: chosen },
        agents: agents.map((a) => ({ id: a.id, name: a.available_name, email: a.email, role: a.role, availability: a.availability_status })),
        inboxes: inboxes.map((i) => ({ id: i.id, name: i.name })),
        labels: labels.map((l) => ({ id: l.id, title: l.title, color: l.color, showOnSidebar: l.showOnSidebar })),
        teams: teams.map((x) => ({ id: x.id, name: x.name, isMember: x.is_member })),
        counts,
        filter: {
          view: place.view,
          status: place.status,
          sort: place.sort,
          inboxId: place.inboxId,
          label: place.label,
          teamId: place.teamId,
          viewId: compiled && openView ? place.viewId : null,
          conditions: compiled ? conditions : null,
        },
        total: compiled ? presentListMeta(list.meta).all_count : null,
        savedViews: views.map(toSavedView),
        customAttributes: definitions.map((d) => ({ key: d.attributeKey, name: d.attributeDisplayName, type: d.attributeDisplayType, model: d.attributeModel })),
        rows,
        nextCursor: list.nextCursor,
        streamAfter: String(streamAfter),
        renderedAt: nowSeconds(),
      }}
    />
  );
}
