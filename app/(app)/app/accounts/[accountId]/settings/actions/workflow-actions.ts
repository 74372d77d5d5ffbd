"use server";

import { revalidatePath } from "next/cache";
import { formObject } from "@/lib/settings/form-object";
import type { FormState } from "@/lib/settings/form-state";
import { runSettingsAction } from "@/lib/settings/settings-action";
import { createTeam, deleteTeam, replaceTeamMembers, teamSchema, updateTeam } from "@/lib/teams/teams";
import { parseInput } from "@/lib/validation";

const teamsPath = (accountId: number) => `/app/accounts/${accountId}/settings/teams`;
const id = (formData: FormData) => Number(formData.get("id"));

// Teams settings (administrators; runSettingsAction checks the session and the role).
export async function saveTeamAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    const raw = formObject(formData);
    const input = parseInput(teamSchema, { name: raw.name, description: raw.description, allow_auto_assign: raw.allow_auto_assign === "true" || raw.allow_auto_assign === "on" });
    if (formData.get("id")) await updateTeam(db, { accountId, id: id(formData), input });
    else await createTeam(db, { accountId, input });
    revalidatePath(teamsPath(accountId));
    return { keepValues: Boolean(formData.get("id")) };
  });
}

export async function deleteTeamAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    await deleteTeam(db, { accountId, id: id(formData) });
    revalidatePath(teamsPath(accountId));
  });
}

export async function updateTeamMembersAction(accountId: number, teamId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    const userIds = formData
      .getAll("user_ids")
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    await replaceTeamMembers(db, { accountId, teamId, userIds });
    revalidatePath(teamsPath(accountId));
  });
}
