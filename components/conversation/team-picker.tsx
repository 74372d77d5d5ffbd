"use client";

import { useTranslations } from "next-intl";
import { useOperator } from "@/components/operator/operator-context";
import type { TeamView } from "./conversation-view";
import { TeamIcon } from "@/components/ui/icons";
import { MenuButton, MenuItem } from "./menu-button";

/** The conversation's team (WF2): none, or one of the account's teams; a team with auto-assign may assign it. */
export function TeamPicker({ team, onChange }: { team: TeamView | null; onChange: (team: TeamView | null) => void }) {
  const { teams } = useOperator();
  const t = useTranslations("workflow.teams");
  if (!teams.length && !team) return null;
  return (
    <MenuButton
      align="left"
      label={t("pickerLabel", { name: team ? team.name : t("none") })}
      title={t("picker")}
      button={
        <>
          <TeamIcon className="h-3.5 w-3.5 shrink-0" />
          <span className="max-w-32 truncate" data-testid="conversation-team">
            {team ? team.name : t("none")}
          </span>
        </>
      }
    >
      {(close) => (
        <div className="max-h-72 w-56 overflow-y-auto">
          <MenuItem
            checked={team === null}
            onSelect={() => {
              close();
              if (team !== null) onChange(null);
            }}
          >
            {t("none")}
          </MenuItem>
          {teams.map((x) => (
            <MenuItem
              key={x.id}
              checked={team?.id === x.id}
              onSelect={() => {
                close();
                if (team?.id !== x.id) onChange({ id: x.id, name: x.name });
              }}
            >
              <span className="flex-1 truncate">{x.name}</span>
            </MenuItem>
          ))}
        </div>
      )}
    </MenuButton>
  );
}
