import type { Team } from "@/db/schema";
import { iso } from "./time";

/** `api/v1/models/_team` (chatwoot-api.md Team): what the teams endpoints answer. */
export type AppTeam = { id: number; name: string; description: string | null; allow_auto_assign: boolean; account_id: number; is_member: boolean };

export function presentTeam(team: Team, isMember: boolean): AppTeam {
  return { id: team.id, name: team.name, description: team.description, allow_auto_assign: team.allowAutoAssign, account_id: team.accountId, is_member: isMember };
}

/** The raw Team record the assignments endpoint renders for `team_id` (Chatwoot `render json: @team`). */
export type RawTeam = { id: number; name: string; description: string | null; allow_auto_assign: boolean; account_id: number; created_at: string | null; updated_at: string | null };

export function presentRawTeam(team: Team): RawTeam {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    allow_auto_assign: team.allowAutoAssign,
    account_id: team.accountId,
    created_at: iso(team.createdAt),
    updated_at: iso(team.updatedAt),
  };
}

/** `meta.team` of conversation payloads (TeamPush). */
export type TeamPush = { id: number; name: string };
