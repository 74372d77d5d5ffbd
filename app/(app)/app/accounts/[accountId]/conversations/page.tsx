import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ConversationList, type StatusFilter } from "@/components/inbox/conversation-list";
import { ConversationPlaceholder } from "@/components/inbox/conversation-placeholder";
import { Sidebar } from "@/components/inbox/sidebar";
import { toCard } from "@/components/inbox/to-card";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/session";
import { listConversations } from "@/lib/conversations/list-conversations";
import { listInboxesForUser } from "@/lib/inboxes/list-inboxes-for-user";

export const metadata: Metadata = { title: "Conversations" };

type Search = { view?: string; status?: string; inbox_id?: string; conversation?: string };
const VIEWS = { mine: "me", unassigned: "unassigned", all: "all" } as const;
const STATUSES: StatusFilter[] = ["open", "pending", "snoozed", "resolved", "all"];

// /app/accounts/:accountId/conversations – the operator's three-column inbox (SPEC U1, U2).
export default async function ConversationsPage(props: { params: Promise<{ accountId: string }>; searchParams: Promise<Search> }) {
  const [{ accountId: rawAccountId }, search] = await Promise.all([props.params, props.searchParams]);
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=/app/accounts/${encodeURIComponent(rawAccountId)}/conversations`);
  const account = user.accounts.find((a) => String(a.id) === rawAccountId);
  if (!account) notFound();

  const view = search.view && search.view in VIEWS ? (search.view as keyof typeof VIEWS) : "all";
  const status = STATUSES.find((s) => s === search.status) ?? "open";
  const inboxId = search.inbox_id && /^\d+$/.test(search.inbox_id) ? Number(search.inbox_id) : null;
  const activeId = search.conversation && /^\d+$/.test(search.conversation) ? Number(search.conversation) : null;
  const me = { id: user.id, role: account.role };

  const db = await getDb();
  const [list, inboxes] = await Promise.all([
    listConversations(db, { accountId: account.id, user: me, status, assigneeType: VIEWS[view], inboxId: inboxId ?? undefined }),
    listInboxesForUser(db, { accountId: account.id, user: me }),
  ]);

  const basePath = `/app/accounts/${account.id}/conversations`;
  const hrefFor = (q: { status?: StatusFilter; conversation?: number }) => {
    const params = new URLSearchParams({ view, status: q.status ?? status });
    if (inboxId !== null) params.set("inbox_id", String(inboxId));
    if (q.conversation !== undefined) params.set("conversation", String(q.conversation));
    return `${basePath}?${params.toString()}`;
  };
  const title = inboxId !== null ? (inboxes.find((i) => i.id === inboxId)?.name ?? "Inbox") : { mine: "Mine", unassigned: "Unassigned", all: "All conversations" }[view];

  return (
    <div className="flex h-full min-h-0">
      <Sidebar
        accountName={account.name}
        basePath={basePath}
        view={view}
        inboxId={inboxId}
        counts={{ mine: list.meta.mineCount, unassigned: list.meta.unassignedCount, all: list.meta.allCount }}
        inboxes={inboxes}
        user={{ name: user.name, email: user.email }}
        isAdministrator={account.role === "administrator"}
      />
      <ConversationList title={title} rows={list.items.map(toCard)} status={status} hrefFor={hrefFor} activeId={activeId} now={new Date()} />
      <ConversationPlaceholder />
    </div>
  );
}
