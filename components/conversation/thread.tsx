"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { groupByDay } from "./day-groups";
import { MessageItem, PendingItem } from "./message-item";
import { deliveryOf } from "./read-marks";
import type { ThreadMessage } from "./thread-message";
import type { ThreadState } from "./thread-state";
import { typingLine, type Typist, type TypingWords } from "./typing-state";

/** Within this many pixels of the bottom counts as "at the bottom". */
const NEAR_BOTTOM = 80;
/** Older messages load when the top is this close. */
const NEAR_TOP = 200;

/**
 * The message list: day groups with separators in the flow, older messages as you scroll up (the view
 * stays where it was), and new messages followed when you are at the bottom — otherwise a
 * "New messages" pill says they are there.
 */
export function Thread({
  state,
  loading,
  contactLastSeenAt,
  typists,
  loadingOlder,
  onLoadOlder,
  onDismissPending,
  focusMessageId = null,
}: {
  state: ThreadState;
  loading: boolean;
  contactLastSeenAt: number;
  typists: Typist[];
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onDismissPending: (echoId: string) => void;
  /** A message to bring into view and highlight (a search result's); older pages load until it is there. */
  focusMessageId?: number | null;
}) {
  const t = useTranslations("conversation.thread");
  const locale = useLocale();
  const words = useCallback<TypingWords>((key, values) => t(key, values), [t]);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [unseenBelow, setUnseenBelow] = useState(false);
  const firstId = state.messages[0]?.id;
  const lastId = state.messages.at(-1)?.id;
  // What the list looked like before this render: which end grew tells prepend from append.
  const before = useRef<{ firstId?: number; lastId?: number; height: number; top: number; pending: number }>({ height: 0, top: 0, pending: 0 });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const prev = before.current;
    const prepended = prev.firstId !== undefined && firstId !== undefined && firstId < prev.firstId;
    const appended = lastId !== prev.lastId || state.pending.length > prev.pending;
    if (prepended && lastId === prev.lastId) {
      // Older messages went in above: keep the same messages under the reader's eyes.
      el.scrollTop = prev.top + (el.scrollHeight - prev.height);
    } else if (appended || prev.lastId === undefined) {
      const mine = state.pending.length > prev.pending;
      if (atBottom.current || mine || prev.lastId === undefined) el.scrollTop = el.scrollHeight;
      else setUnseenBelow(true);
    }
    before.current = { firstId, lastId, height: el.scrollHeight, top: el.scrollTop, pending: state.pending.length };
  }, [firstId, lastId, state.pending.length]);

  // The typing line appearing at the bottom should not hide the last message from someone reading it.
  const typingText = typists.map((x) => typingLine(x, words)).join(" ");
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && typingText && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [typingText]);

  // A short first page leaves nothing to scroll: load older until the view fills or history ends.
  useEffect(() => {
    const el = scroller.current;
    if (el && state.hasOlder && !loadingOlder && el.scrollHeight <= el.clientHeight + NEAR_TOP) onLoadOlder();
  }, [state.hasOlder, loadingOlder, onLoadOlder, firstId]);

  // SR3: scroll the searched-for message to the middle and highlight it; load older pages until it
  // is in the thread or history ends. Once shown, the thread behaves as usual.
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const shownFocus = useRef<number | null>(null);
  const hasFocus = focusMessageId !== null && state.messages.some((m) => m.id === focusMessageId);
  useEffect(() => {
    if (focusMessageId === null || shownFocus.current === focusMessageId || loading) return;
    if (!hasFocus) {
      if (state.hasOlder && !loadingOlder) onLoadOlder();
      return;
    }
    const el = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${focusMessageId}"]`);
    if (!el) return;
    shownFocus.current = focusMessageId;
    el.scrollIntoView({ block: "center" });
    atBottom.current = false;
    setHighlighted(focusMessageId);
  }, [focusMessageId, hasFocus, loading, state.hasOlder, loadingOlder, onLoadOlder, firstId]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
    if (atBottom.current && unseenBelow) setUnseenBelow(false);
    if (el.scrollTop < NEAR_TOP && state.hasOlder && !loadingOlder) onLoadOlder();
    before.current = { ...before.current, height: el.scrollHeight, top: el.scrollTop };
  };

  const toBottom = () => {
    const el = scroller.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: "smooth" });
    setUnseenBelow(false);
  };

  const groups = groupByDay<ThreadMessage>(state.messages, (m) => new Date(m.created_at * 1000), new Date(), locale);

  return (
    <div className="relative min-h-0 flex-1">
      {/* Focusable, so the keyboard can scroll the history (axe scrollable-region-focusable). */}
      <div ref={scroller} onScroll={onScroll} tabIndex={0} className="h-full overflow-y-auto px-4 pb-3 focus-visible:outline-2 focus-visible:-outline-offset-2" data-testid="thread-scroller">
        <div className="py-2 text-center text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {loading ? t("loading") : loadingOlder ? t("loadingOlder") : !state.hasOlder && state.messages.length > 0 ? t("start") : null}
        </div>
        <ol aria-label={t("messages")}>
          {groups.map((g) => (
            <li key={g.key} aria-label={g.label}>
              {/* In the flow, not sticky (U12): a floating pill covered the text scrolling under it. */}
              <div data-testid="day-separator" className="flex items-center gap-3 py-2" aria-hidden>
                <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
                <span className="rounded-full bg-slate-100 px-3 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-700">
                  {g.label}
                </span>
                <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
              </div>
              <ol>
                {g.items.map((m) => (
                  <MessageItem key={m.id} message={m} delivery={deliveryOf(m, contactLastSeenAt)} highlighted={m.id === highlighted} />
                ))}
              </ol>
            </li>
          ))}
          {state.pending.length > 0 && (
            <li aria-label={t("sending")}>
              <ol>
                {state.pending.map((p) => (
                  <PendingItem key={p.echoId} entry={p} onDismiss={() => onDismissPending(p.echoId)} />
                ))}
              </ol>
            </li>
          )}
        </ol>
        <div aria-live="polite" className="min-h-5 pl-1 text-xs italic text-slate-500 dark:text-slate-400">
          {typists.map((x) => (
            <p key={x.key} className={x.note ? "text-amber-700 dark:text-amber-200" : undefined}>
              {typingLine(x, words)}
            </p>
          ))}
        </div>
      </div>
      {unseenBelow && (
        <button
          type="button"
          onClick={toBottom}
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full bg-brand-600 px-3 py-1 text-xs font-medium text-white shadow-lg hover:bg-brand-700"
        >
          {t("newMessages")}
        </button>
      )}
    </div>
  );
}
