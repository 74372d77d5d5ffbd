"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useOperator } from "@/components/operator/operator-context";
import { snippetParts } from "./snippet-parts";
import { useSearch, type SearchResults } from "./use-search";

type Hit = { key: string; kind: "conversations" | "messages" | "contacts"; href: string; open(): void };

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");

/** The operator URL with the conversation (and the message to show in it) chosen; other place keys kept. */
export function conversationHref(pathname: string, search: string, displayId: number, messageId?: number): string {
  const q = new URLSearchParams(search);
  q.set("conversation", String(displayId));
  if (messageId) q.set("message", String(messageId));
  else q.delete("message");
  return `${pathname}?${q.toString()}`;
}

/**
 * The search box at the top of the conversation list (SR2, SR3): `/` focuses it from anywhere but
 * a text field, Esc leaves it; results come grouped by kind as the agent types; ↑/↓ move through
 * them and Enter opens one. A message opens its conversation at that message (`?message=`).
 */
export function SearchBox() {
  const t = useTranslations("search");
  const { accountId, selectConversation } = useOperator();
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const state = useSearch(accountId, query);
  const results: SearchResults | null = state.status === "done" ? state.results : null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const close = () => {
    setOpen(false);
    input.current?.blur();
  };

  const hits = useMemo<Hit[]>(() => {
    if (!results) return [];
    const path = typeof window === "undefined" ? "" : window.location.pathname;
    const search = typeof window === "undefined" ? "" : window.location.search;
    return [
      ...results.conversations.map((c) => ({ key: `c${c.id}`, kind: "conversations" as const, href: conversationHref(path, search, c.id), open: () => selectConversation(c.id) })),
      ...results.messages.map((m) => {
        const href = conversationHref(path, search, m.conversation_id, m.id);
        return { key: `m${m.id}`, kind: "messages" as const, href, open: () => window.history.pushState(null, "", href) };
      }),
      ...results.contacts.map((c) => {
        const href = `/app/accounts/${accountId}/contacts/${c.id}`;
        return { key: `p${c.id}`, kind: "contacts" as const, href, open: () => router.push(href) };
      }),
    ];
  }, [results, accountId, selectConversation, router]);
  const at = Math.min(active, Math.max(0, hits.length - 1));

  const choose = (hit: Hit | undefined) => {
    if (!hit) return;
    hit.open();
    close();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
      return;
    }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (hits.length) setActive((a) => (Math.min(a, hits.length - 1) + (e.key === "ArrowDown" ? 1 : -1) + hits.length) % hits.length);
      return;
    }
    if (e.key === "Enter" && open && hits.length) {
      e.preventDefault();
      choose(hits[at]);
    }
  };

  const shown = open && query.trim() !== "";
  const optionId = (i: number) => `${listId}-o${i}`;
  let index = -1;
  const group = (kind: Hit["kind"], render: (i: number) => React.ReactNode, count: number) =>
    count > 0 && (
      <li role="presentation">
        <p className="px-3 pt-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400" id={`${listId}-${kind}`}>
          {t(`groups.${kind}`)}
        </p>
        <ul role="group" aria-labelledby={`${listId}-${kind}`}>
          {Array.from({ length: count }, (_, i) => render(i))}
        </ul>
      </li>
    );
  const option = (hit: Hit, body: React.ReactNode) => {
    index += 1;
    const i = index;
    return (
      <li key={hit.key} id={optionId(i)} role="option" aria-selected={i === at}>
        <Link
          href={hit.href}
          tabIndex={-1}
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => setActive(i)}
          onClick={(e) => {
            if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            choose(hit);
          }}
          className={`block px-3 py-1.5 text-sm ${i === at ? "bg-brand-50 dark:bg-slate-700" : "hover:bg-slate-50 dark:hover:bg-slate-800"}`}
        >
          {body}
        </Link>
      </li>
    );
  };

  return (
    <div className="relative" role="search">
      <label htmlFor={`${listId}-input`} className="sr-only">
        {t("label")}
      </label>
      <div className="flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-2.5 focus-within:border-brand-500 focus-within:ring-1 focus-within:ring-brand-500 dark:border-slate-700 dark:bg-slate-800">
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 shrink-0 text-slate-400" fill="none" stroke="currentColor" strokeWidth="1.8">
          <circle cx="9" cy="9" r="5.5" />
          <path d="m13.5 13.5 3.5 3.5" strokeLinecap="round" />
        </svg>
        <input
          ref={input}
          id={`${listId}-input`}
          type="search"
          role="combobox"
          aria-expanded={shown}
          aria-controls={`${listId}-list`}
          aria-autocomplete="list"
          aria-activedescendant={shown && hits.length ? optionId(at) : undefined}
          autoComplete="off"
          placeholder={t("placeholder")}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          className="min-w-0 flex-1 bg-transparent py-1.5 text-sm text-slate-900 outline-none placeholder:text-slate-400 dark:text-slate-100"
        />
        <kbd aria-hidden className="rounded border border-slate-200 px-1 text-[10px] text-slate-400 dark:border-slate-600">
          /
        </kbd>
      </div>
      {shown && (
        <div className="absolute inset-x-0 top-full z-30 mt-1 max-h-[70vh] overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <p aria-live="polite" className="px-3 py-1 text-xs text-slate-500 dark:text-slate-400">
            {state.status === "loading" || (state.status === "idle" && query.trim())
              ? t("searching")
              : state.status === "error"
                ? t("failed")
                : results && !hits.length
                  ? t("none", { q: query.trim() })
                  : results
                    ? t("count", { count: hits.length })
                    : null}
          </p>
          <ul id={`${listId}-list`} role="listbox" aria-label={t("results")}>
            {results &&
              group(
                "conversations",
                (i) => {
                  const c = results.conversations[i]!;
                  return option(
                    hits[index + 1]!,
                    <>
                      <span className="flex justify-between gap-2 text-xs text-slate-500 dark:text-slate-400">
                        <span>
                          #{c.id} · {c.inbox?.name ?? ""}
                        </span>
                      </span>
                      <span className="block truncate text-slate-900 dark:text-slate-100">{c.contact?.name || c.contact?.email || t("visitor")}</span>
                      {c.message?.content && <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{c.message.content}</span>}
                    </>,
                  );
                },
                results.conversations.length,
              )}
            {results &&
              group(
                "messages",
                (i) => {
                  const m = results.messages[i]!;
                  return option(
                    hits[index + 1]!,
                    <>
                      <span className="flex justify-between gap-2 text-xs text-slate-500 dark:text-slate-400">
                        <span>
                          #{m.conversation_id} · {m.sender?.name ?? ""}
                        </span>
                        {m.private && <span className="text-amber-700 dark:text-amber-400">{t("note")}</span>}
                      </span>
                      <span className="line-clamp-2 text-slate-800 dark:text-slate-200" data-testid="search-snippet">
                        {snippetParts(m.search_snippet || m.content).map((p, j) =>
                          p.mark ? (
                            <mark key={j} className="rounded-sm bg-amber-200 px-0.5 text-slate-900 dark:bg-amber-500/40 dark:text-amber-50">
                              {p.text}
                            </mark>
                          ) : (
                            <span key={j}>{p.text}</span>
                          ),
                        )}
                      </span>
                    </>,
                  );
                },
                results.messages.length,
              )}
            {results &&
              group(
                "contacts",
                (i) => {
                  const c = results.contacts[i]!;
                  return option(
                    hits[index + 1]!,
                    <>
                      <span className="block truncate text-slate-900 dark:text-slate-100">{c.name || t("visitor")}</span>
                      <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{[c.email, c.phone_number, c.identifier].filter(Boolean).join(" · ")}</span>
                    </>,
                  );
                },
                results.contacts.length,
              )}
          </ul>
        </div>
      )}
    </div>
  );
}
