"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { OperatorCounts } from "@/lib/conversations/operator-counts";
import type { StatusFilter } from "./list-model";

/**
 * The counts once the agent has read a conversation of `inboxId` that held unread messages: that
 * inbox's unread figure drops by one at once (the tab title follows it); the server's answer
 * confirms it moments later.
 */
export function countsAfterRead(counts: OperatorCounts, inboxId: number): OperatorCounts {
  const n = counts.inboxUnread[inboxId] ?? 0;
  if (n <= 0) return counts;
  return { ...counts, inboxUnread: { ...counts.inboxUnread, [inboxId]: n - 1 } };
}

export type LoadCounts = (accountId: number, status: StatusFilter, inboxId: number | null) => Promise<OperatorCounts | null>;

const QUIET_MS = 400;
const MAX_WAIT_MS = 1500;

/**
 * The sidebar's and list header's counts, asked of the server after events rather than guessed
 * (Chatwoot debounces its meta request the same way). Bursts collapse into one request: it goes out
 * 400 ms after the last event, and at most 1.5 s after the first.
 */
export function useCounts(opts: { accountId: number; status: StatusFilter; inboxId: number | null; initial: OperatorCounts; load: LoadCounts }) {
  const [counts, setCounts] = useState(opts.initial);
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstAt = useRef<number | null>(null);
  const generation = useRef(0);

  const refreshNow = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    firstAt.current = null;
    const mine = ++generation.current;
    const { accountId, status, inboxId, load } = latest.current;
    load(accountId, status, inboxId).then(
      (next) => {
        if (next && mine === generation.current) setCounts(next);
      },
      () => undefined, // the next event or reconnect asks again
    );
  }, []);

  const refresh = useCallback(() => {
    const now = Date.now();
    firstAt.current ??= now;
    if (timer.current) clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(QUIET_MS, firstAt.current + MAX_WAIT_MS - now));
    timer.current = setTimeout(refreshNow, wait);
  }, [refreshNow]);

  /** A conversation of the inbox was read here: shown at once, and any answer already on its way is dropped. */
  const markRead = useCallback((inboxId: number) => {
    generation.current++;
    setCounts((c) => countsAfterRead(c, inboxId));
  }, []);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return { counts, refresh, refreshNow, markRead };
}
