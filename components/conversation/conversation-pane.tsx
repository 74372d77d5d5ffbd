"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { useCallback } from "react";
import { useOperator } from "@/components/operator/operator-context";
import { Composer } from "./composer";
import { ContactPanel } from "./contact-panel";
import { ConversationHeader } from "./conversation-header";
import type { ConversationView } from "./conversation-view";
import { PaneError, PaneSkeleton } from "./pane-states";
import { Thread } from "./thread";
import { useConversation } from "./use-conversation";
import { useConversationActions } from "./use-conversation-actions";
import { useMarkSeen } from "./use-mark-seen";
import { usePaneShortcuts } from "./use-pane-shortcuts";
import { usePanelPreference } from "./use-panel-preference";
import { useThread } from "./use-thread";
import { useTyping } from "./use-typing";

type Json = Record<string, unknown>;

/**
 * The right-hand column (SPEC U1, U2, U4): header with the conversation's actions, the live
 * thread, the composer, and the collapsible contact panel (`<section aria-label="Conversation">`,
 * `<aside aria-label="Contact">`). One instance per conversation, so nothing carries over.
 */
export function ConversationPane(props: { displayId: number; onBack?: () => void }) {
  const { accountId } = useOperator();
  return <OpenConversation key={`${accountId}:${props.displayId}`} accountId={accountId} {...props} />;
}

function OpenConversation({ accountId, displayId, onBack }: { accountId: number; displayId: number; onBack?: () => void }) {
  const { load, apply, retry } = useConversation(accountId, displayId);
  const ready = load.state === "ready" ? load : null;
  const thread = useThread(accountId, displayId, ready?.view.inbox_id ?? null);
  useMarkSeen(displayId, ready !== null, thread.incomingTick);
  const t = useTranslations("conversation.pane");
  const apiText = useApiErrorText();

  return (
    <section aria-label={t("label")} className="relative flex min-w-0 flex-1 bg-slate-50 dark:bg-slate-950">
      {load.state === "loading" && <PaneSkeleton />}
      {load.state === "gone" && <PaneError title={t("gone")} message={load.message ? apiText(load.message) : t("goneMessage")} onBack={onBack} />}
      {load.state === "error" && <PaneError title={t("loadFailed")} message={load.message ? apiText(load.message) : t("loadFailedMessage")} onRetry={retry} onBack={onBack} />}
      {ready && <ReadyPane accountId={accountId} view={ready.view} raw={ready.raw} apply={apply} thread={thread} onBack={onBack} />}
    </section>
  );
}

function ReadyPane({
  accountId,
  view,
  raw,
  apply,
  thread,
  onBack,
}: {
  accountId: number;
  view: ConversationView;
  raw: Json;
  apply: (patch: Json) => void;
  thread: ReturnType<typeof useThread>;
  onBack?: () => void;
}) {
  const t = useTranslations("conversation.pane");
  const actions = useConversationActions({ displayId: view.id, raw, apply });
  const [panelOpen, setPanelOpen] = usePanelPreference();
  const typists = useTyping(view);
  const reopens = view.status === "resolved" || view.status === "snoozed";
  const { setStatus } = actions;
  const toggleStatus = useCallback(() => setStatus(reopens ? "open" : "resolved"), [reopens, setStatus]);
  usePaneShortcuts({ toggleStatus, togglePanel: () => setPanelOpen(!panelOpen) });
  // A search result opens the conversation at its message (`?message=`, SR3).
  const focusParam = useSearchParams().get("message");
  const focusMessageId = focusParam && /^\d{1,12}$/.test(focusParam) ? Number(focusParam) : null;

  return (
    <div className="flex min-w-0 flex-1 flex-col">
      <ConversationHeader view={view} panelOpen={panelOpen} onTogglePanel={() => setPanelOpen(!panelOpen)} onBack={onBack} actions={actions} />
      {actions.error && (
        <div
          role="alert"
          className="flex items-center justify-between gap-3 border-b border-red-200 dark:border-red-500/30 bg-red-50 dark:bg-red-500/10 px-4 py-2 text-sm text-red-800 dark:text-red-200"
        >
          <span>{actions.error}</span>
          <button type="button" onClick={actions.dismissError} className="text-red-700 dark:text-red-300 underline">
            {t("dismiss")}
          </button>
        </div>
      )}
      {/* Below 1280 px the panel lies over the thread, never over the header's actions. */}
      <div className="relative flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          {thread.status === "error" ? (
            <PaneError title={t("messagesFailed")} message={t("messagesFailedMessage")} />
          ) : (
            <Thread
              state={thread.state}
              loading={thread.status === "loading"}
              contactLastSeenAt={view.contact_last_seen_at}
              typists={typists}
              loadingOlder={thread.loadingOlder}
              onLoadOlder={thread.loadOlder}
              onDismissPending={thread.dismiss}
              focusMessageId={focusMessageId}
            />
          )}
          <Composer accountId={accountId} displayId={view.id} inboxId={view.inbox_id} onPending={thread.onPending} onSettled={thread.onSettled} />
        </div>
        {panelOpen && <ContactPanel view={view} onClose={() => setPanelOpen(false)} />}
      </div>
    </div>
  );
}
