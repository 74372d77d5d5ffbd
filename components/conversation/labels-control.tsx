"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useOperator } from "@/components/operator/operator-context";
import { LabelChip } from "@/components/operator/label-chip";
import { TagIcon } from "@/components/ui/icons";
import { MenuButton, MenuItem } from "./menu-button";

/**
 * The conversation's labels: its chips (each removable) and a "Label" menu of the account's labels
 * with type-to-filter (Enter toggles the first match). Every change replaces the conversation's
 * labels through POST …/labels, which writes the activity lines (C8) and conversation.updated.
 */
export function LabelsControl({ labels, onChange }: { labels: string[]; onChange: (labels: string[]) => void }) {
  const { labels: all } = useOperator();
  const [filter, setFilter] = useState("");
  const t = useTranslations("workflow.labels");
  const locale = useLocale();
  const q = filter.trim().toLocaleLowerCase(locale);
  const candidates = all.filter((l) => !q || l.title.includes(q));
  const toggle = (title: string) => onChange(labels.includes(title) ? labels.filter((l) => l !== title) : [...labels, title]);
  const colour = (title: string) => all.find((l) => l.title === title)?.color ?? "#94a3b8";

  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="conversation-labels">
      {labels.map((l) => (
        <LabelChip key={l} title={l} color={colour(l)} onRemove={() => toggle(l)} removeLabel={t("remove", { label: l })} />
      ))}
      <MenuButton
        align="left"
        label={t("menu")}
        title={t("menu")}
        button={
          <>
            <TagIcon className="h-3.5 w-3.5 shrink-0" />
            <span>{t("add")}</span>
          </>
        }
      >
        {(close) => (
          <div className="w-60">
            <input
              data-menu-autofocus=""
              aria-label={t("filter")}
              placeholder={t("filterPlaceholder")}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && candidates[0]) {
                  e.preventDefault();
                  toggle(candidates[0].title);
                  setFilter("");
                  close();
                }
              }}
              className="mb-1 w-full rounded-md border border-slate-200 px-2 py-1.5 text-sm outline-none focus:border-brand-500 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
            />
            <div className="max-h-64 overflow-y-auto">
              {candidates.map((l) => (
                <MenuItem
                  key={l.id}
                  checked={labels.includes(l.title)}
                  onSelect={() => {
                    toggle(l.title);
                    setFilter("");
                    close();
                  }}
                >
                  <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: l.color }} />
                  <span className="flex-1 truncate">{l.title}</span>
                </MenuItem>
              ))}
              {!candidates.length && <p className="px-2.5 py-1.5 text-sm text-slate-500 dark:text-slate-400">{all.length ? t("noMatch") : t("none")}</p>}
            </div>
          </div>
        )}
      </MenuButton>
    </div>
  );
}
