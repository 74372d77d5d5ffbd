import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { macros, users, type ConversationStatus, type Macro, type Priority, type Role } from "@/db/schema";
import type { UserActor } from "@/lib/conversations/actor";
import { assertTeamExists, findVisibleConversations } from "@/lib/conversations/bulk-actions";
import type { BulkStep } from "@/lib/conversations/bulk-batch";
import { runBulkSteps, type BulkResult } from "@/lib/conversations/bulk-run";
import { assertLabelsExist } from "@/lib/conversations/conversation-labels";
import { AppError } from "@/lib/errors";
import { epoch } from "@/lib/presenters/time";
import { presentUserPush } from "@/lib/presenters/user-push";
import { runAction } from "./run-actions";
import { actionSchema, type Action, type MacroInput } from "./workflow-input";

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
 * runs); then the actions run in order on each, as the caller, with the usual rules, activity lines and
 * events. Runs of consecutive changes (status, team, assignee, labels, priority) are applied batch by
 * batch like bulk actions (WF5: one transaction and one statement per kind of change for up to 100
 * conversations); messages and notes go through the message path, one conversation at a time. A
 * conversation a change refuses (an assignee outside its inbox) is left as it is and the others go
 * ahead, as Chatwoot's job does. Parley answers when the actions are done, so the pane shows the result.
 */
export async function executeMacro(db: Db, { id, conversationIds, ...caller }: Caller & { id: number; conversationIds: number[] }): Promise<BulkResult> {
  const macro = await getMacro(db, { ...caller, id });
  const actions = macro.actions.map((a) => actionSchema.parse(a));
  const displayIds = [...new Set(conversationIds)];
  const targets = await findVisibleConversations(db, { accountId: caller.accountId, user: caller.user, displayIds });
  if (targets.length < displayIds.length) throw AppError.notFound();
  await assertLabelsExist(db, caller.accountId, [...new Set(actions.flatMap((a) => (a.action_name === "add_label" || a.action_name === "remove_label" ? labelsOf(a) : [])))]);
  for (const a of actions) if (a.action_name === "assign_team" && a.action_params[0] !== "nil") await assertTeamExists(db, caller.accountId, Number(a.action_params[0]));
  const actor: UserActor = { type: "user", id: caller.user.id, role: caller.user.role };
  const result: BulkResult = { updated: 0, unchanged: 0, skipped: 0, failed: 0, errors: [] };
  let steps: BulkStep[] = [];
  const flush = async () => {
    const r = await runBulkSteps(db, { accountId: caller.accountId, targets, steps, actor });
    result.updated = Math.max(result.updated, r.updated);
    result.failed += r.failed;
    result.errors.push(...r.errors.slice(0, 20 - result.errors.length));
    steps = [];
  };
  for (const action of actions) {
    const step = stepOf(action);
    if (step) {
      steps.push(step);
      continue;
    }
    await flush();
    for (const c of targets) await runAction(db, { accountId: caller.accountId, conversationId: c.id }, action, actor);
  }
  await flush();
  return result;
}

const labelsOf = (a: Action) => (a.action_params as string[]).map((l) => String(l).trim().toLowerCase());
const idOrNull = (p: unknown) => (p === "nil" ? null : Number(p));

/** The bulk step a macro action is, or null for the message actions (run through the message path). */
function stepOf(a: Action): BulkStep | null {
  const p = a.action_params;
  switch (a.action_name) {
    case "assign_agent":
      return { kind: "assignee", assigneeId: idOrNull(p[0]) };
    case "assign_team":
      return { kind: "team", teamId: idOrNull(p[0]) };
    case "add_label":
      return { kind: "labels", add: labelsOf(a), remove: [] };
    case "remove_label":
      return { kind: "labels", add: [], remove: labelsOf(a) };
    case "change_status":
      return { kind: "status", status: p[0] as ConversationStatus, snoozedUntil: null, selfAssignOnOpen: true };
    case "resolve_conversation":
      return { kind: "status", status: "resolved", snoozedUntil: null };
    case "open_conversation":
      return { kind: "status", status: "open", snoozedUntil: null, selfAssignOnOpen: true };
    case "snooze_conversation":
      // Chatwoot's automation snoozes until the next reply (no time given).
      return { kind: "status", status: "snoozed", snoozedUntil: null };
    case "change_priority":
      return { kind: "priority", priority: p[0] === "nil" ? null : (p[0] as Priority) };
    case "send_message":
    case "add_private_note":
      return null;
  }
}
