import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, inboxes, inboxMembers, teamMembers, teams, users, type Conversation, type ConversationStatus, type Priority } from "@/db/schema";
import { sendCsatSurveyIfDue } from "@/lib/csat/send-survey";
import { AppError } from "@/lib/errors";
import { accountLocale } from "@/lib/i18n/stored-locales";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { availableName } from "@/lib/presenters/user-push";
import type { ConversationEventType } from "@/lib/realtime/event-types";
import { recordStatusChanges } from "@/lib/reports/record-events";
import { actorName, type Actor } from "./actor";
import { assignmentActivityText, statusActivityText } from "./activity-text";
import { BulkWriter } from "./bulk-writer";
import { priorityActivity } from "./toggle-priority";

/**
 * One change of a bulk action or a macro, applied to every conversation of a batch. Team and label
 * titles are checked to exist by the caller (an account-wide 422 before anything changes).
 * `selfAssignOnOpen`: C3 as toggle_status — an agent who opens an unassigned conversation of an inbox
 * they belong to takes it. `claimCheck`: WF1 — an agent taking a colleague's conversation is a claim (409).
 */
export type BulkStep =
  | { kind: "status"; status: ConversationStatus; snoozedUntil: Date | null; selfAssignOnOpen?: boolean }
  | { kind: "team"; teamId: number | null }
  | { kind: "assignee"; assigneeId: number | null; claimCheck?: boolean }
  | { kind: "labels"; add: string[]; remove: string[] }
  | { kind: "priority"; priority: Priority | null };

export type Before = { status: ConversationStatus; assigneeId: number | null; teamId: number | null };
export type BatchOutcome = { changed: { conversation: Conversation; before: Before }[]; unchanged: number; failed: { displayId: number; message: string }[] };

type Ctx = {
  locale: Locale;
  by: string | null;
  actor: Actor;
  now: Date;
  teamNames: Map<number, string>;
  /** "teamId:userId" of the teams the steps name. */
  teamMembers: Set<string>;
  /** "inboxId:userId" → the member's name, for the users the steps may assign. */
  inboxMembers: Map<string, string>;
  csatInboxes: Set<number>;
};

const CLAIM_CONFLICT = "Conversation is already assigned to another agent";
const NOT_INBOX_MEMBER = AppError.validation({ assignee_id: ["is not a member of this inbox"] }).message;

/**
 * WF5: applies the steps, in order, to one batch of conversations in ONE transaction, with the rules
 * and events of the one-at-a-time functions (applyStatusChange, applyTeam, applyAssignment,
 * applyLabels, toggle_priority): the rows are locked in one statement (in id order, so concurrent
 * batches cannot deadlock); each conversation's refusals (a claim race, an assignee outside its inbox)
 * are decided first, on the locked state, and such a conversation is left untouched and counted; then
 * each step is one UPDATE for all the conversations it changes (one per distinct result for labels),
 * and the activity lines and events go through one BulkWriter flush. The after-commit hooks are the
 * caller's (runBulkSteps).
 */
export async function applyBulkBatch(db: Db, { accountId, ids, steps, actor }: { accountId: number; ids: number[]; steps: BulkStep[]; actor: Actor }): Promise<BatchOutcome> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const rows = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.accountId, accountId), inArray(conversations.id, ids)))
      .orderBy(asc(conversations.id))
      .for("update");
    const ctx = await loadContext(tx, accountId, rows, steps, actor, now);
    const outcome: BatchOutcome = { changed: [], unchanged: 0, failed: [] };
    const ok: Conversation[] = [];
    for (const c of rows) {
      const refusal = refusalOf(c, steps, ctx);
      if (refusal) outcome.failed.push({ displayId: c.displayId, message: refusal });
      else ok.push(c);
    }
    const before = new Map(ok.map((c) => [c.id, { status: c.status, assigneeId: c.assigneeId, teamId: c.teamId, updatedAt: c.updatedAt.getTime() }]));
    const w = new BulkWriter();
    const csatDue: Conversation[] = [];
    for (const step of steps) await applyStep(tx, ok, step, ctx, w, csatDue);
    await w.flush(tx, now);
    // After the resolution's line, as applyStatusChange writes it (the survey follows "marked resolved").
    for (const c of csatDue) await sendCsatSurveyIfDue(tx, c, now);
    for (const c of ok) {
      const b = before.get(c.id)!;
      if (c.updatedAt.getTime() === b.updatedAt) outcome.unchanged++;
      else outcome.changed.push({ conversation: c, before: { status: b.status, assigneeId: b.assigneeId, teamId: b.teamId } });
    }
    return outcome;
  });
}

async function loadContext(tx: Db, accountId: number, rows: Conversation[], steps: BulkStep[], actor: Actor, now: Date): Promise<Ctx> {
  const ctx: Ctx = {
    locale: await accountLocale(tx, accountId),
    by: await actorName(tx, actor),
    actor,
    now,
    teamNames: new Map(),
    teamMembers: new Set(),
    inboxMembers: new Map(),
    csatInboxes: new Set(),
  };
  const inboxIds = [...new Set(rows.map((c) => c.inboxId))];
  const stepTeams = steps.flatMap((s) => (s.kind === "team" && s.teamId !== null ? [s.teamId] : []));
  if (steps.some((s) => s.kind === "team")) {
    const teamIds = [...new Set([...stepTeams, ...rows.flatMap((c) => (c.teamId === null ? [] : [c.teamId]))])];
    if (teamIds.length) {
      const found = await tx
        .select({ id: teams.id, name: teams.name })
        .from(teams)
        .where(and(eq(teams.accountId, accountId), inArray(teams.id, teamIds)));
      for (const t of found) ctx.teamNames.set(t.id, t.name);
    }
    if (stepTeams.length) {
      const members = await tx.select({ teamId: teamMembers.teamId, userId: teamMembers.userId }).from(teamMembers).where(inArray(teamMembers.teamId, stepTeams));
      for (const m of members) ctx.teamMembers.add(`${m.teamId}:${m.userId}`);
    }
  }
  const assignees = new Set(steps.flatMap((s) => (s.kind === "assignee" && s.assigneeId !== null ? [s.assigneeId] : [])));
  if (actor.type === "user" && steps.some((s) => s.kind === "status" && s.selfAssignOnOpen)) assignees.add(actor.id);
  if (assignees.size && inboxIds.length) {
    const members = await tx
      .select({ inboxId: inboxMembers.inboxId, userId: inboxMembers.userId, name: users.name, displayName: users.displayName })
      .from(inboxMembers)
      .innerJoin(users, eq(users.id, inboxMembers.userId))
      .where(and(inArray(inboxMembers.inboxId, inboxIds), inArray(inboxMembers.userId, [...assignees])));
    for (const m of members) ctx.inboxMembers.set(`${m.inboxId}:${m.userId}`, availableName(m));
  }
  if (steps.some((s) => s.kind === "status" && s.status === "resolved") && inboxIds.length) {
    const csat = await tx
      .select({ id: inboxes.id })
      .from(inboxes)
      .where(and(inArray(inboxes.id, inboxIds), eq(inboxes.csatSurveyEnabled, true)));
    for (const i of csat) ctx.csatInboxes.add(i.id);
  }
  return ctx;
}

/** Which step would refuse this conversation, replaying the steps on its locked state (nothing is written). */
function refusalOf(c: Conversation, steps: BulkStep[], ctx: Ctx): string | null {
  let assignee = c.assigneeId;
  let team = c.teamId;
  for (const s of steps) {
    if (s.kind === "status") {
      if (s.status === "open" && selfAssigns(c, assignee, s, ctx)) assignee = (ctx.actor as { id: number }).id;
    } else if (s.kind === "team" && team !== s.teamId) {
      team = s.teamId;
      if (s.teamId !== null && assignee !== null && !ctx.teamMembers.has(`${s.teamId}:${assignee}`)) assignee = null;
    } else if (s.kind === "assignee") {
      if (s.claimCheck && ctx.actor.type === "user" && ctx.actor.role !== "administrator" && s.assigneeId === ctx.actor.id && assignee !== null && assignee !== ctx.actor.id) return CLAIM_CONFLICT;
      if (s.assigneeId !== null && s.assigneeId !== assignee && !ctx.inboxMembers.has(`${c.inboxId}:${s.assigneeId}`)) return NOT_INBOX_MEMBER;
      assignee = s.assigneeId;
    }
  }
  return null;
}

/** C3 as toggle_status: an agent (never an administrator) opening an unassigned conversation of their inbox takes it. */
function selfAssigns(c: Conversation, assignee: number | null, s: Extract<BulkStep, { kind: "status" }>, ctx: Ctx): boolean {
  return !!s.selfAssignOnOpen && ctx.actor.type === "user" && ctx.actor.role === "agent" && assignee === null && ctx.inboxMembers.has(`${c.inboxId}:${ctx.actor.id}`);
}

/**
 * Writes `set` to the conversations and copies the stored rows back into the objects the batch holds.
 * A change that writes an activity line for each of them also moves their last activity to it (M4,
 * as insertMessage does) in the same statement, so the writer's flush has none left to move.
 */
async function update(tx: Db, targets: Conversation[], set: Partial<typeof conversations.$inferInsert>, lines = true): Promise<void> {
  if (lines && set.updatedAt) set = { ...set, lastActivityAt: set.updatedAt };
  if (!targets.length) return;
  const stored = await tx
    .update(conversations)
    .set(set)
    .where(
      inArray(
        conversations.id,
        targets.map((c) => c.id),
      ),
    )
    .returning();
  const byId = new Map(stored.map((r) => [r.id, r]));
  for (const c of targets) Object.assign(c, byId.get(c.id));
}

async function applyStep(tx: Db, rows: Conversation[], s: BulkStep, ctx: Ctx, w: BulkWriter, csatDue: Conversation[]): Promise<void> {
  const { now } = ctx;
  const t = translator(ctx.locale);
  switch (s.kind) {
    case "status": {
      const snoozedUntil = s.status === "snoozed" ? s.snoozedUntil : null;
      const targets = rows.filter((c) => c.status !== s.status || (c.snoozedUntil?.getTime() ?? null) !== (snoozedUntil?.getTime() ?? null));
      const from = new Map(targets.map((c) => [c.id, c.status]));
      // Only a status that changes writes a line (a new snooze time alone does not).
      await update(
        tx,
        targets,
        { status: s.status, snoozedUntil, ...(s.status === "resolved" && { waitingSince: null }), updatedAt: now },
        targets.every((c) => c.status !== s.status),
      );
      const text = statusActivityText(ctx.locale, s.status, ctx.by, undefined);
      for (const c of targets) {
        const types: ConversationEventType[] = [];
        const previous = from.get(c.id)!;
        if (previous !== s.status) {
          w.line(c, text);
          types.push("conversation.status_changed");
          if (s.status === "open") types.push("conversation.opened");
          if (s.status === "resolved") types.push("conversation.resolved");
          if (s.status === "resolved" && ctx.csatInboxes.has(c.inboxId)) csatDue.push(c);
        }
        types.push("conversation.updated");
        w.events(c, types);
      }
      await recordStatusChanges(
        tx,
        targets.map((c) => ({ conversation: c, from: from.get(c.id)! })),
        s.status,
        now,
      );
      const takers = s.status === "open" ? rows.filter((c) => selfAssigns(c, c.assigneeId, s, ctx)) : [];
      if (takers.length) await setAssignee(tx, takers, (ctx.actor as { id: number }).id, ctx, w);
      return;
    }
    case "team": {
      const targets = rows.filter((c) => c.teamId !== s.teamId);
      const previous = new Map(targets.map((c) => [c.id, c.teamId]));
      await update(tx, targets, { teamId: s.teamId, updatedAt: now });
      const dropped = s.teamId === null ? [] : targets.filter((c) => c.assigneeId !== null && !ctx.teamMembers.has(`${s.teamId}:${c.assigneeId}`));
      await setAssignee(tx, dropped, null, ctx, w);
      const team = s.teamId === null ? null : (ctx.teamNames.get(s.teamId) ?? "");
      for (const c of targets) {
        const was = previous.get(c.id);
        const old = was == null ? "" : (ctx.teamNames.get(was) ?? "");
        const text =
          team !== null
            ? ctx.by
              ? t("server.activity.teamAssignedBy", { team, name: ctx.by })
              : t("server.activity.teamAssignedBySystem", { team })
            : ctx.by
              ? t("server.activity.teamUnassignedBy", { team: old, name: ctx.by })
              : t("server.activity.teamUnassignedBySystem", { team: old });
        w.line(c, text);
        w.events(c, ["team.changed", "conversation.updated"]);
      }
      return;
    }
    case "assignee":
      return setAssignee(
        tx,
        rows.filter((c) => c.assigneeId !== s.assigneeId),
        s.assigneeId,
        ctx,
        w,
      );
    case "labels": {
      // One UPDATE per distinct resulting set: a bulk change mostly gives every conversation the same labels.
      const groups = new Map<string, { labels: string[]; targets: Conversation[] }>();
      const changes = new Map<number, { added: string[]; removed: string[] }>();
      for (const c of rows) {
        const next = [...c.labels.filter((l) => !s.remove.includes(l)), ...s.add.filter((l) => !c.labels.includes(l) && !s.remove.includes(l))];
        const added = next.filter((l) => !c.labels.includes(l));
        const removed = c.labels.filter((l) => !next.includes(l));
        if (!added.length && !removed.length) continue;
        changes.set(c.id, { added, removed });
        const key = JSON.stringify(next);
        const group = groups.get(key) ?? groups.set(key, { labels: next, targets: [] }).get(key)!;
        group.targets.push(c);
      }
      for (const g of groups.values()) await update(tx, g.targets, { labels: g.labels, updatedAt: now });
      for (const c of rows) {
        const change = changes.get(c.id);
        if (!change) continue;
        const name = ctx.by;
        if (change.added.length) {
          const labels = change.added.join(", ");
          w.line(c, name ? t("server.activity.labelsAddedBy", { name, labels }) : t("server.activity.labelsAddedBySystem", { labels }));
        }
        if (change.removed.length) {
          const labels = change.removed.join(", ");
          w.line(c, name ? t("server.activity.labelsRemovedBy", { name, labels }) : t("server.activity.labelsRemovedBySystem", { labels }));
        }
        w.events(c, ["conversation.updated"]);
      }
      return;
    }
    case "priority": {
      const targets = rows.filter((c) => c.priority !== s.priority);
      const from = new Map(targets.map((c) => [c.id, c.priority]));
      await update(tx, targets, { priority: s.priority, updatedAt: now });
      for (const c of targets) {
        w.line(c, priorityActivity(ctx.by ?? "System", from.get(c.id) ?? null, s.priority));
        w.events(c, ["conversation.updated"]);
      }
      return;
    }
  }
}

/** applyAssignment for many conversations (membership already checked by refusalOf or selfAssigns). */
async function setAssignee(tx: Db, targets: Conversation[], assigneeId: number | null, ctx: Ctx, w: BulkWriter): Promise<void> {
  if (!targets.length) return;
  await update(tx, targets, { assigneeId, assigneeAssignedAt: assigneeId === null ? null : ctx.now, updatedAt: ctx.now });
  const self = ctx.actor.type === "user" && ctx.actor.id === assigneeId;
  const performer = ctx.actor.type === "user" ? { type: "user", id: ctx.actor.id } : { type: ctx.actor.type };
  for (const c of targets) {
    const assignee = assigneeId === null ? null : (ctx.inboxMembers.get(`${c.inboxId}:${assigneeId}`) ?? "");
    w.line(c, assignmentActivityText(ctx.locale, { assignee, by: ctx.by, self }));
    w.events(c, ["assignee.changed", "conversation.updated"], { performer });
  }
}
