import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { macros, users, type Macro, type Role } from "@/db/schema";
import type { UserActor } from "@/lib/conversations/actor";
import { getConversationOrThrow } from "@/lib/conversations/get-conversation";
import { AppError } from "@/lib/errors";
import { epoch } from "@/lib/presenters/time";
import { presentUserPush } from "@/lib/presenters/user-push";
import { runAction } from "./run-actions";
import { actionSchema, type MacroInput } from "./workflow-input";

type Caller = { accountId: number; user: { id: number; role: Role } };

/** MA1: what a caller sees and runs — the account's global macros and their own personal ones. */
const visibleTo = ({ accountId, user }: Caller) => and(eq(macros.accountId, accountId), or(eq(macros.visibility, "global"), eq(macros.createdById, user.id)));

/** MA1: global macros are the administrators'; a personal one only its author's. */
function assertMayManage(user: Caller["user"], macro: Pick<Macro, "visibility" | "createdById">) {
  if (macro.visibility === "global" ? user.role !== "administrator" : macro.createdById !== user.id) {
    throw new AppError("forbidden", macro.visibility === "global" ? "Only administrators can manage account macros" : "Only its author can change a personal macro");
  }
}

/** Chatwoot's `_macro.json.jbuilder`. */
export async function presentMacros(db: Db, rows: Macro[]) {
  const ids = [...new Set(rows.flatMap((m) => [m.createdById, m.updatedById]).filter((id): id is number => id !== null))];
  const people = ids.length ? await db.select({ id: users.id, name: users.name, displayName: users.displayName }).from(users).where(inArray(users.id, ids)) : [];
  const person = (id: number | null) => {
    const u = people.find((p) => p.id === id);
    return u ? presentUserPush(u) : null;
  };
  return rows.map((m) => ({
    id: m.id,
    name: m.name,
    visibility: m.visibility,
    created_by: person(m.createdById),
    updated_by: person(m.updatedById),
    account_id: m.accountId,
    actions: m.actions,
    created_at: epoch(m.createdAt),
    updated_at: epoch(m.updatedAt),
  }));
}

export const presentMacro = async (db: Db, m: Macro) => (await presentMacros(db, [m]))[0]!;

export async function listMacros(db: Db, caller: Caller): Promise<Macro[]> {
  return db.select().from(macros).where(visibleTo(caller)).orderBy(asc(macros.name), asc(macros.id));
}

export async function getMacro(db: Db, caller: Caller & { id: number }): Promise<Macro> {
  const [row] = await db
    .select()
    .from(macros)
    .where(and(visibleTo(caller), eq(macros.id, caller.id)));
  if (!row) throw AppError.notFound();
  return row;
}

export async function createMacro(db: Db, { input, ...caller }: Caller & { input: MacroInput }): Promise<Macro> {
  assertMayManage(caller.user, { visibility: input.visibility, createdById: caller.user.id });
  const [row] = await db
    .insert(macros)
    .values({ accountId: caller.accountId, name: input.name, visibility: input.visibility, actions: input.actions, createdById: caller.user.id, updatedById: caller.user.id })
    .returning();
  return row!;
}

export async function updateMacro(db: Db, { id, input, ...caller }: Caller & { id: number; input: Partial<MacroInput> }): Promise<Macro> {
  const current = await getMacro(db, { ...caller, id });
  assertMayManage(caller.user, current);
  if (input.visibility) assertMayManage(caller.user, { visibility: input.visibility, createdById: current.createdById });
  const [row] = await db
    .update(macros)
    .set({ name: input.name, visibility: input.visibility, actions: input.actions, updatedById: caller.user.id, updatedAt: new Date() })
    .where(eq(macros.id, current.id))
    .returning();
  return row!;
}

export async function deleteMacro(db: Db, { id, ...caller }: Caller & { id: number }): Promise<void> {
  const current = await getMacro(db, { ...caller, id });
  assertMayManage(caller.user, current);
  await db.delete(macros).where(eq(macros.id, current.id));
}

/**
 * POST …/macros/:id/execute (MA2): every conversation must be one the caller may see (else 404, nothing
 * runs); then the actions run in order on each, as the caller, through the usual domain functions.
 * Chatwoot queues a job; Parley answers when they are done, so the pane shows the result at once.
 */
export async function executeMacro(db: Db, { id, conversationIds, ...caller }: Caller & { id: number; conversationIds: number[] }): Promise<void> {
  const macro = await getMacro(db, { ...caller, id });
  const actions = macro.actions.map((a) => actionSchema.parse(a));
  const targets = [];
  for (const displayId of [...new Set(conversationIds)]) targets.push(await getConversationOrThrow(db, { accountId: caller.accountId, displayId, user: caller.user }));
  const actor: UserActor = { type: "user", id: caller.user.id, role: caller.user.role };
  for (const c of targets) for (const action of actions) await runAction(db, { accountId: caller.accountId, conversationId: c.id }, action, actor);
}
