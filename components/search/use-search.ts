"use client";

import { useEffect, useState } from "react";
import { api } from "@/components/operator/api";

export type SearchContactHit = { id: number; name: string; email: string | null; phone_number: string | null; identifier: string | null };
export type SearchConversationHit = {
  id: number;
  inbox?: { name?: string } | null;
  contact?: { name?: string; email?: string | null } | null;
  message?: { content?: string | null } | null;
};
export type SearchMessageHit = { id: number; conversation_id: number; content: string | null; search_snippet: string; private?: boolean; created_at: number; sender?: { name?: string } | null };
export type SearchResults = { conversations: SearchConversationHit[]; messages: SearchMessageHit[]; contacts: SearchContactHit[] };

export type SearchState = { status: "idle" } | { status: "loading"; q: string } | { status: "done"; q: string; results: SearchResults } | { status: "error"; q: string; message: string };

/** Time after the last keystroke before asking: typing "заказы" asks once, not six times. */
export const SEARCH_DEBOUNCE_MS = 200;

/**
 * The search box's requests (SR2): debounced, and each new query aborts the one in flight, so a
 * slow answer for "зак" can never replace the answer for "заказы".
 */
export function useSearch(accountId: number, query: string): SearchState {
  const [state, setState] = useState<SearchState>({ status: "idle" });
  const q = query.trim();

  useEffect(() => {
    if (!q) return;
    // The cleanup aborts the request of the query this one supersedes.
    const abort = new AbortController();
    const timer = setTimeout(() => {
      setState({ status: "loading", q });
      api<{ payload: Partial<SearchResults> }>(accountId, `/search?q=${encodeURIComponent(q)}`, { signal: abort.signal }).then(
        (res) => {
          if (abort.signal.aborted) return;
          setState({ status: "done", q, results: { conversations: res.payload.conversations ?? [], messages: res.payload.messages ?? [], contacts: res.payload.contacts ?? [] } });
        },
        (err: unknown) => {
          if (abort.signal.aborted) return;
          setState({ status: "error", q, message: err instanceof Error ? err.message : String(err) });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [accountId, q]);

  if (!q) return { status: "idle" };
  // Until the new query's answer arrives, the old answer is not this query's.
  return state.status !== "idle" && state.q === q ? state : { status: "loading", q };
}
