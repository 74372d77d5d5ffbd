"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { api } from "@/components/operator/api";
import { useOperator, type OperatorAgent } from "@/components/operator/operator-context";
import { Avatar } from "@/components/ui/avatar";
import { AvailabilityDot } from "./availability-dot";
import type { AssigneeView } from "./conversation-view";
import { MenuButton, MenuItem } from "./menu-button";

/**
 * Assign the conversation (C5): "Unassigned" and the inbox's members with their live availability,
 * filtered as you type (Enter takes the first match). Only members can be assigned, so the list is
 * the inbox's members; the availability comes from the shell's live agent list.
 */
export function AssigneePicker({ inboxId, assignee, onAssign }: { inboxId: number; assignee: AssigneeView | null; onAssign: (agent: OperatorAgent | null) => void }) {
  const { accountId, agents, me } = useOperator();
  const [memberIds, setMemberIds] = useState<Set<number> | null>(null);
  const [filter, setFilter] = useState("");
  const t = useTranslations("conversation.assignee");
  const locale = useLocale();

  useEffect(() => {
    const abort = new AbortController();
    api<{ payload: { id: number }[] }>(accountId, `/inboxes/${inboxId}/assignable_agents`, { signal: abort.signal }).then(
      (res) => setMemberIds(new Set(res.payload.map((a) => a.id))),
      () => undefined, // Without the member list every agent is offered; the API still says who may be assigned.
    );
    return () => abort.abort();
  }, [accountId, inboxId]);

  const q = filter.trim().toLocaleLowerCase(locale);
  const candidates = agents
    .filter((a) => !memberIds || memberIds.has(a.id))
    .filter((a) => !q || a.name.toLocaleLowerCase(locale).includes(q) || a.email.toLocaleLowerCase(locale).includes(q))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  const showUnassigned = !q || t("unassigned").toLocaleLowerCase(locale).includes(q);

  return (
    <MenuButton
      align="left"
      label={t("label", { name: assignee ? assignee.name : t("unassigned") })}
      title={t("assign")}
      button={
        <>
          {assignee ? <Avatar name={assignee.name} size="sm" /> : <span aria-hidden className="h-6 w-6 rounded-full border border-dashed border-slate-300" />}
          <span className="max-w-32 truncate">{assignee ? assignee.name : t("unassigned")}</span>
        </>
      }
    >
      {(close) => {
        const choose = (agent: OperatorAgent | null) => {
          close();
          setFilter("");
          if ((agent?.id ?? null) !== (assignee?.id ?? null)) onAssign(agent);
        };
        return (
          <div className="w-64">
            <input
              data-menu-autofocus=""
              aria-label={t("filter")}
              placeholder={t("filterPlaceholder")}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  if (candidates[0]) choose(candidates[0]);
                  else if (showUnassigned) choose(null);
                }
              }}
              className="mb-1 w-full rounded-md border border-slate-200 px-2 py-1.5 text-sm outline-none focus:border-brand-500"
            />
            <div className="max-h-64 overflow-y-auto">
              {showUnassigned && (
                <MenuItem checked={assignee === null} onSelect={() => choose(null)}>
                  <span aria-hidden className="h-6 w-6 rounded-full border border-dashed border-slate-300" />
                  {t("unassigned")}
                </MenuItem>
              )}
              {candidates.map((a) => (
                <MenuItem key={a.id} checked={assignee?.id === a.id} onSelect={() => choose(a)}>
                  <Avatar name={a.name} size="sm" />
                  <span className="flex-1 truncate">{a.name}</span>
                  <AvailabilityDot availability={a.id === me.id ? me.availability : a.availability} />
                </MenuItem>
              ))}
              {!candidates.length && !showUnassigned && <p className="px-2.5 py-1.5 text-sm text-slate-500">{t("noMatch")}</p>}
            </div>
          </div>
        );
      }}
    </MenuButton>
  );
}
