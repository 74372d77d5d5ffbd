"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { compactAgo } from "@/components/ui/relative-time";
import type { NotificationPush } from "@/lib/presenters/notification-push";
import { api } from "./api";
import type { OperatorEvent } from "./operator-context";

type Index = { data: { meta: { unread_count: number; count: number }; payload: NotificationPush[] } };
const KNOWN = new Set(["conversation_assignment", "conversation_mention", "assigned_conversation_new_message"]);

/**
 * The agent's notifications (NT1, NT2): a bell with the unread count in the sidebar, a panel of the
 * latest ones, live on `notification.created`. Opening one marks it read and opens its conversation;
 * one that arrives for the conversation the agent is looking at is read at once (they are looking).
 * Mentions and assignments alert a hidden tab (sound, desktop notification); new visitor messages
 * already do through `message.created`.
 */
export function useNotifications(opts: {
  accountId: number;
  selectedId: number | null;
  subscribe(listener: (e: OperatorEvent) => void): () => void;
  alert(title: string, body: string, onOpen: () => void): void;
  selectConversation(id: number): void;
}) {
  const { accountId, selectedId, subscribe, alert, selectConversation } = opts;
  const t = useTranslations("notify.notifications");
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<NotificationPush[] | null>(null);
  const selected = useRef(selectedId);
  useEffect(() => {
    selected.current = selectedId;
  }, [selectedId]);

  const load = useCallback(async () => {
    const r = await api<Index>(accountId, "/notifications");
    setItems(r.data.payload);
    setUnread(r.data.meta.unread_count);
  }, [accountId]);
  useEffect(() => {
    api<number>(accountId, "/notifications/unread_count").then(setUnread, () => undefined);
  }, [accountId]);

  const markRead = useCallback(
    async (n: NotificationPush) => {
      if (n.read_at) return;
      setItems((list) => list?.map((x) => (x.id === n.id ? { ...x, read_at: new Date().toISOString() } : x)) ?? null);
      setUnread((u) => Math.max(0, u - 1));
      await api(accountId, `/notifications/${n.id}`, { method: "PATCH" }).catch(() => undefined);
    },
    [accountId],
  );

  useEffect(
    () =>
      subscribe((e) => {
        if (e.type !== "notification.created") return;
        const n = e.data.notification;
        setUnread(e.data.unread_count);
        setItems((list) => (list ? [n, ...list.filter((x) => x.id !== n.id)] : list));
        if (n.primary_actor_id === selected.current && document.visibilityState === "visible") {
          void markRead(n);
          return;
        }
        if (n.notification_type !== "assigned_conversation_new_message") {
          alert(textOf(t, n), "", () => {
            void markRead(n);
            selectConversation(n.primary_actor_id);
          });
        }
      }),
    [subscribe, alert, selectConversation, markRead, t],
  );

  const readAll = useCallback(async () => {
    setItems((list) => list?.map((x) => ({ ...x, read_at: x.read_at ?? new Date().toISOString() })) ?? null);
    setUnread(0);
    await api(accountId, "/notifications/read_all", { method: "POST" }).catch(() => undefined);
  }, [accountId]);

  return { unread, items, load, markRead, readAll };
}

type T = ReturnType<typeof useTranslations<"notify.notifications">>;
function textOf(t: T, n: NotificationPush): string {
  const type = KNOWN.has(n.notification_type) ? (n.notification_type as "conversation_mention") : "other";
  const actor =
    n.secondary_actor && "sender" in n.secondary_actor
      ? (n.secondary_actor.sender as { name?: string } | undefined)?.name
      : n.secondary_actor && "name" in n.secondary_actor
        ? n.secondary_actor.name
        : undefined;
  return t(`types.${type}`, { id: n.primary_actor_id, name: actor ?? t("someone") });
}

/** The bell and its panel (a dialog-like popover; Escape and a click outside close it). */
export function NotificationsBell({ state, onOpenConversation }: { state: ReturnType<typeof useNotifications>; onOpenConversation(id: number): void }) {
  const t = useTranslations("notify.notifications");
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const { load } = state;
  useEffect(() => {
    if (!open) return;
    void load().catch(() => undefined);
    const onPointer = (e: PointerEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, load]);
  const now = new Date();
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t("bell", { count: state.unread })}
        onClick={() => setOpen((o) => !o)}
        className="relative flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-slate-300 outline-none hover:bg-white/5 hover:text-white focus-visible:ring-2 focus-visible:ring-brand-500"
      >
        <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="h-4 w-4">
          <path d="m10 3a4.5 4.5 0 0 0-4.5 4.5v2.7l-1.5 2.8h12l-1.5-2.8v-2.7a4.5 4.5 0 0 0-4.5-4.5zm-1.8 12.5a1.9 1.9 0 0 0 3.6 0" strokeLinejoin="round" />
        </svg>
        <span>{t("title")}</span>
        {state.unread > 0 && (
          <span data-testid="notifications-unread" className="ml-auto rounded-full bg-brand-500 px-1.5 text-xs font-semibold text-white tabular-nums">
            {state.unread > 99 ? "99+" : state.unread}
          </span>
        )}
      </button>
      {open && (
        <section
          id={panelId}
          aria-label={t("title")}
          className="absolute top-full left-0 z-50 mt-1 w-80 max-w-[calc(100vw-1rem)] rounded-lg border border-slate-200 bg-white text-slate-800 shadow-xl dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100"
        >
          <header className="flex items-center justify-between border-b border-slate-200 px-3 py-2 dark:border-slate-700">
            <h2 className="text-sm font-semibold">{t("title")}</h2>
            <button type="button" onClick={() => void state.readAll()} disabled={state.unread === 0} className="text-xs text-brand-600 hover:underline disabled:opacity-40 dark:text-brand-100">
              {t("readAll")}
            </button>
          </header>
          {state.items === null ? (
            <p className="px-3 py-4 text-sm text-slate-500 dark:text-slate-400">{t("loading")}</p>
          ) : state.items.length === 0 ? (
            <p className="px-3 py-4 text-sm text-slate-500 dark:text-slate-400">{t("empty")}</p>
          ) : (
            <ul className="max-h-96 overflow-y-auto py-1">
              {state.items.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    data-testid="notification"
                    onClick={() => {
                      void state.markRead(n);
                      setOpen(false);
                      onOpenConversation(n.primary_actor_id);
                    }}
                    className="flex w-full items-start gap-2 px-3 py-2 text-left text-sm outline-none hover:bg-slate-50 focus-visible:bg-slate-100 dark:hover:bg-slate-700 dark:focus-visible:bg-slate-700"
                  >
                    <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${n.read_at ? "bg-transparent" : "bg-brand-500"}`} />
                    <span className="min-w-0 flex-1">
                      <span className={`block ${n.read_at ? "text-slate-500 dark:text-slate-400" : "font-medium"}`}>{textOf(t, n)}</span>
                      <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{n.primary_actor.meta.sender.name}</span>
                    </span>
                    <span className="shrink-0 text-xs text-slate-400">{compactAgo(new Date(n.last_activity_at * 1000), now, locale)}</span>
                    {!n.read_at && <span className="sr-only">{t("unread")}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
