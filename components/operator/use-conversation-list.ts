"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ListState } from "./conversation-list";
import { appendPage, applyMessage, patchRow, renameContact, toRow, upsertRow, type ListFilter, type Row } from "./list-model";
import type { OperatorAgent, OperatorEvent } from "./operator-context";
import { filterRequest, listQuery, sameFilter } from "./url-state";

type Json = Record<string, unknown>;
type ListRequest = { method?: "POST"; headers?: Record<string, string>; body?: string };

const CONVERSATION_EVENTS = new Set([
  "conversation.created",
  "conversation.updated",
  "conversation.status_changed",
  "conversation.opened",
  "conversation.resolved",
  "conversation.read",
  "assignee.changed",
  "first_reply.created",
  "reply.created",
]);

/** A refused list request; the list names it in the agent's language. */
class ListLoadError extends Error {
  constructor(readonly status: number) {
    super(`The server answered ${status}`);
  }
}

async function getJson(url: string, signal?: AbortSignal, init: ListRequest = {}): Promise<{ body: Json; headers: Headers }> {
  const res = await fetch(url, { ...init, headers: { Accept: "application/json", ...init.headers }, credentials: "same-origin", cache: "no-store", signal });
  if (!res.ok) throw new ListLoadError(res.status);
  return { body: (await res.json()) as Json, headers: res.headers };
}

/** A page of a filter: the list's GET, or POST /conversations/filter when it has conditions (WF3). */
function getPage(base: string, filter: ListFilter, cursor: string | null, signal?: AbortSignal) {
  const post = filterRequest(filter, cursor);
  return post ? getJson(`${base}${post.path}`, signal, post.init) : getJson(`${base}${listQuery(filter, cursor)}`, signal);
}

/**
 * The list's rows for the current filter, kept live (SPEC U3): page 1 on a filter change, keyset
 * pages on scroll, and every stream event applied through list-model's pure functions. Events that
 * arrive while a page is loading are applied again, in order, on top of it, so a slow response can
 * never undo a newer change. A message for a conversation the list does not hold fetches it.
 */
export function useConversationList(opts: {
  accountId: number;
  meId: number;
  filter: ListFilter;
  initial: { rows: Row[]; nextCursor: string | null; filter: ListFilter; total?: number | null };
  agents: OperatorAgent[];
}) {
  const [list, setList] = useState<ListState>({ rows: opts.initial.rows, nextCursor: opts.initial.nextCursor, loading: false, loadingMore: false, error: null, total: opts.initial.total ?? null });
  const t = useTranslations("operator.list");
  const describe = useCallback(
    (err: unknown, fallback: string) =>
      err instanceof ListLoadError ? (err.status === 401 ? t("signedOut") : t("serverAnswered", { status: err.status })) : err instanceof Error && err.name !== "TypeError" ? err.message : fallback,
    [t],
  );
  const ctx = useRef({ filter: opts.filter, meId: opts.meId, agents: opts.agents });
  const rendered = useRef(list.rows);
  useEffect(() => {
    ctx.current = { filter: opts.filter, meId: opts.meId, agents: opts.agents };
    rendered.current = list.rows;
  });
  const buffered = useRef<OperatorEvent[] | null>(null);
  const inflight = useRef<AbortController | null>(null);
  const fetching = useRef(new Set<number>());
  const base = `/api/v1/accounts/${opts.accountId}/conversations`;

  const named = useCallback((row: Row): Row => {
    if (row.assigneeId === null || row.assigneeName) return row;
    const agent = ctx.current.agents.find((a) => a.id === row.assigneeId);
    return agent ? { ...row, assigneeName: agent.name } : row;
  }, []);

  const upsert = useCallback((rows: Row[], row: Row, hasMore: boolean) => upsertRow(rows, named(row), ctx.current.filter, ctx.current.meId, hasMore), [named]);

  /** One event against some rows; returns the rows and, when needed, a conversation to fetch. */
  const reduce = useCallback(
    (rows: Row[], e: OperatorEvent, hasMore: boolean): { rows: Row[]; fetch?: number } => {
      if (CONVERSATION_EVENTS.has(e.type)) {
        const row = toRow(e.data);
        return row ? { rows: upsert(rows, row, hasMore) } : { rows };
      }
      if (e.type === "message.created" || e.type === "message.updated") {
        const id = e.data.conversation_id;
        if (typeof id !== "number") return { rows };
        const current = rows.find((r) => r.id === id);
        if (current) return { rows: upsert(rows, applyMessage(current, e.data), hasMore) };
        return e.type === "message.created" && e.data.message_type !== 2 ? { rows, fetch: id } : { rows };
      }
      if (e.type === "contact.updated") return { rows: renameContact(rows, e.data) };
      return { rows };
    },
    [upsert],
  );

  const fetchOne = useCallback(
    (displayId: number) => {
      if (fetching.current.has(displayId)) return;
      fetching.current.add(displayId);
      getJson(`${base}/${displayId}`)
        .then(({ body }) => {
          const row = toRow(body);
          if (row) setList((l) => ({ ...l, rows: upsert(l.rows, row, l.nextCursor !== null) }));
        })
        .catch(() => undefined) // gone or no longer reachable: nothing to show
        .finally(() => fetching.current.delete(displayId));
    },
    [base, upsert],
  );

  const onEvent = useCallback(
    (e: OperatorEvent) => {
      buffered.current?.push(e);
      // Whether the row is missing is read from the last render: at worst one fetch too many.
      const needs = reduce(rendered.current, e, false).fetch;
      if (needs !== undefined) fetchOne(needs);
      setList((l) => {
        const rows = reduce(l.rows, e, l.nextCursor !== null).rows;
        return rows === l.rows ? l : { ...l, rows };
      });
    },
    [reduce, fetchOne],
  );

  /** Page 1 of the current filter. `quiet` keeps the rows on screen (a catch-up after a reconnect). */
  const reload = useCallback(
    (quiet = false) => {
      inflight.current?.abort();
      const abort = new AbortController();
      inflight.current = abort;
      const filter = ctx.current.filter;
      buffered.current = [];
      setList((l) => (quiet ? { ...l, error: null } : { rows: [], nextCursor: null, loading: true, loadingMore: false, error: null }));
      getPage(base, filter, null, abort.signal).then(
        ({ body, headers }) => {
          if (abort.signal.aborted) return;
          const payload = ((body.data as Json | undefined)?.payload ?? []) as Json[];
          let rows = payload
            .map(toRow)
            .filter((r): r is Row => r !== null)
            .map(named);
          const nextCursor = headers.get("x-next-cursor");
          for (const e of buffered.current ?? []) rows = reduce(rows, e, nextCursor !== null).rows;
          buffered.current = null;
          inflight.current = null;
          // A filter's total comes with its page (the sidebar's counts are for the views).
          const meta = (body.data as Json | undefined)?.meta as Json | undefined;
          const total = filter.conditions?.length && typeof meta?.all_count === "number" ? meta.all_count : null;
          setList({ rows, nextCursor, loading: false, loadingMore: false, error: null, total });
        },
        (err: unknown) => {
          if (abort.signal.aborted) return;
          buffered.current = null;
          inflight.current = null;
          setList((l) => ({ ...l, loading: false, error: describe(err, t("loadFailed")) }));
        },
      );
    },
    [base, named, reduce, describe, t],
  );

  const loadMore = useCallback(() => {
    const cursor = list.nextCursor;
    if (!cursor || list.loadingMore || inflight.current) return;
    const filter = ctx.current.filter;
    setList((l) => ({ ...l, loadingMore: true, error: null }));
    getPage(base, filter, cursor).then(
      ({ body, headers }) => {
        if (!sameFilter(filter, ctx.current.filter)) return;
        const payload = ((body.data as Json | undefined)?.payload ?? []) as Json[];
        const page = payload
          .map(toRow)
          .filter((r): r is Row => r !== null)
          .map(named);
        setList((l) => (l.nextCursor === cursor ? { ...l, rows: appendPage(l.rows, page), nextCursor: headers.get("x-next-cursor"), loadingMore: false } : l));
      },
      (err: unknown) => setList((l) => ({ ...l, loadingMore: false, error: describe(err, t("moreFailed")) })),
    );
  }, [base, list.nextCursor, list.loadingMore, named, describe, t]);

  /** After a failed page: clear the error, and the list asks for the page again when its end is in view. */
  const retryMore = useCallback(() => setList((l) => ({ ...l, error: null })), []);

  /** A change the pane made, shown at once (the stream confirms it). */
  const patch = useCallback(
    (displayId: number, p: Json) =>
      setList((l) => {
        const current = l.rows.find((r) => r.id === displayId);
        return current ? { ...l, rows: upsert(l.rows, patchRow(current, p), l.nextCursor !== null) } : l;
      }),
    [upsert],
  );

  // A new filter loads its first page (the server rendered the first filter's).
  const loadedFilter = useRef(opts.initial.filter);
  useEffect(() => {
    if (sameFilter(loadedFilter.current, opts.filter)) return;
    loadedFilter.current = opts.filter;
    reload();
  }, [opts.filter, reload]);

  return { list, onEvent, reload, loadMore, retryMore, patch };
}
