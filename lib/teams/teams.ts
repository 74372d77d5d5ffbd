import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accountUsers, teamMembers, teams, type Team } from "@/db/schema";
import { listAgentsByAccount } from "@/lib/agents/list-agents";
import { AppError } from "@/lib/errors";
import { uniqueViolation } from "@/lib/pg-errors";
import type { Agent } from "@/lib/presenters/app-agent";
import { presentTeam, type AppTeam } from "@/lib/presenters/team";
import { recordId, requiredText, trimmedText } from "@/lib/validation";

const wrapped = (v: unknown) => {
  if (typeof v !== "object" || v === null) return v;
  const inner = (v as Record<string, unknown>).team;
  return typeof inner === "object" && inner !== null ? { ...v, ...inner } : v;
};
const teamFields = z.object({
  name: requiredText(255),
  description: trimmedText(1000).nullable().optional(),
  allow_auto_assign: z.boolean().optional(),
});
/** chatwoot-api.md team_create_update_payload, at the top level or under `team`. */
export const teamSchema = z.preprocess(wrapped, teamFields);
export const teamUpdateSchema = z.preprocess(wrapped, teamFields.partial());
export type TeamInput = z.output<typeof teamFields>;

/** POST/PATCH/DELETE …/team_members body. */
export const teamMembersSchema = z.object({ user_ids: z.array(recordId, "must be a list of user ids").max(1000) });

/** The account's teams by name, each with `is_member` for the viewer (Chatwoot's teams index). */
export async function listTeams(db: Db, { accountId, viewerId }: { accountId: number; viewerId: number }): Promise<AppTeam[]> {
  const rows = await db
    .select({ team: teams, member: sql<boolean>`exists (select 1 from ${teamMembers} m where m.team_id = ${teams}.id and m.user_id = ${viewerId})` })
    .from(teams)
    .where(eq(teams.accountId, accountId))
    .orderBy(asc(sql`lower(${teams.name})`), asc(teams.id));
  return rows.map((r) => presentTeam(r.team, Boolean(r.member)));
}

export async function getTeam(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<Team> {
  const [row] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.id, id), eq(teams.accountId, accountId)));
  if (!row) throw AppError.notFound();
  return row;
}

export async function showTeam(db: Db, { accountId, id, viewerId }: { accountId: number; id: number; viewerId: number }): Promise<AppTeam> {
  const team = await getTeam(db, { accountId, id });
  const [m] = await db
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, id), eq(teamMembers.userId, viewerId)));
  return presentTeam(team, Boolean(m));
}

export async function createTeam(db: Db, { accountId, input }: { accountId: number; input: TeamInput }): Promise<Team> {
  return uniqueName(
    async () =>
      (
        await db
          .insert(teams)
          .values({ accountId, name: input.name, description: input.description || null, allowAutoAssign: input.allow_auto_assign })
          .returning()
      )[0]!,
  );
}

export async function updateTeam(db: Db, { accountId, id, input }: { accountId: number; id: number; input: Partial<TeamInput> }): Promise<Team> {
  const [row] = await uniqueName(() =>
    db
      .update(teams)
      .set({
        name: input.name,
        description: input.description === undefined ? undefined : input.description || null,
        allowAutoAssign: input.allow_auto_assign,
        updatedAt: new Date(),
      })
      .where(and(eq(teams.id, id), eq(teams.accountId, accountId)))
      .returning(),
  );
  if (!row) throw AppError.notFound();
  return row;
}

/** Deleting a team takes its conversations off it (`team_id` set null by the foreign key). */
export async function deleteTeam(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<void> {
  const rows = await db
    .delete(teams)
    .where(and(eq(teams.id, id), eq(teams.accountId, accountId)))
    .returning({ id: teams.id });
  if (rows.length === 0) throw AppError.notFound();
}

export async function listTeamMembers(db: Db, { accountId, teamId }: { accountId: number; teamId: number }): Promise<Agent[]> {
  await getTeam(db, { accountId, id: teamId });
  const ids = await db.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId));
  return listAgentsByAccount(db, { accountId, userIds: ids.map((r) => r.userId) });
}

type MemberChange = { accountId: number; teamId: number; userIds: number[] };

/** Adds members (already members are left as they are); a user outside the account is a 422 and nothing changes. */
export async function addTeamMembers(db: Db, c: MemberChange): Promise<void> {
  const ids = await assertMembers(db, c);
  if (ids.length)
    await db
      .insert(teamMembers)
      .values(ids.map((userId) => ({ accountId: c.accountId, teamId: c.teamId, userId })))
      .onConflictDoNothing();
}

/** PATCH: the member set becomes exactly `userIds`, in one transaction. */
export async function replaceTeamMembers(db: Db, c: MemberChange): Promise<void> {
  const ids = await assertMembers(db, c);
  await db.transaction(async (tx) => {
    await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, c.teamId), ids.length ? sql`${teamMembers.userId} not in (${sql.join(ids, sql`, `)})` : undefined));
    if (ids.length)
      await tx
        .insert(teamMembers)
        .values(ids.map((userId) => ({ accountId: c.accountId, teamId: c.teamId, userId })))
        .onConflictDoNothing();
  });
}

export async function removeTeamMembers(db: Db, c: MemberChange): Promise<void> {
  const ids = await assertMembers(db, c);
  if (ids.length) await db.delete(teamMembers).where(and(eq(teamMembers.teamId, c.teamId), inArray(teamMembers.userId, ids)));
}

async function assertMembers(db: Db, { accountId, teamId, userIds }: MemberChange): Promise<number[]> {
  await getTeam(db, { accountId, id: teamId });
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return ids;
  const found = await db
    .select({ userId: accountUsers.userId })
    .from(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), inArray(accountUsers.userId, ids)));
  if (found.length !== ids.length) throw AppError.validation({ user_ids: ["must be agents of this account"] });
  return ids;
}

async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (uniqueViolation(err) === "teams_account_name_key") throw AppError.validation({ name: ["has already been taken"] });
    throw err;
  }
}
