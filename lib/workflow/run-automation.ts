import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRules, contacts, conversations, type AutomationRule } from "@/db/schema";
import { SYSTEM } from "@/lib/conversations/actor";
import type { StreamEvent } from "@/lib/realtime/relay";
import { conditionsHold, type Facts } from "./conditions";
import { runAction } from "./run-actions";
import { actionSchema, conditionSchema } from "./workflow-input";
import type { AutomationEvent } from "./workflow-names";

const EVENT_OF: Partial<Record<string, AutomationEvent>> = {
  "conversation.created": "conversation_created",
  "conversation.updated": "conversation_updated",
  "message.created": "message_created",
};
const MESSAGE_TYPES = ["incoming", "outgoing", "activity", "template"];

/** The automation event a committed outbox event stands for, if any. */
export function automationEventOf(e: Pick<StreamEvent, "type" | "payload">): AutomationEvent | null {
  const name = EVENT_OF[e.type];
  // Activity lines are the system narrating changes: no rule reacts to them.
  if (name === "message_created" && (e.payload as { message_type?: number }).message_type === 2) return null;
  return name ?? null;
}

async function loadFacts(db: Db, e: StreamEvent, conversationId: number): Promise<Facts | null> {
  const [row] = await db
    .select({ c: conversations, contact: { email: contacts.email, phoneNumber: contacts.phoneNumber, name: contacts.name, customAttributes: contacts.customAttributes } })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(conversations.id, conversationId));
  if (!row) return null;
  const { c, contact } = row;
  const m = e.type === "message.created" ? (e.payload as { content?: string | null; message_type?: number }) : null;
  return {
    status: c.status,
    assignee_id: c.assigneeId,
    inbox_id: c.inboxId,
    team_id: c.teamId,
    labels: c.labels,
    priority: c.priority,
    display_id: c.displayId,
    created_at: c.createdAt,
    last_activity_at: c.lastActivityAt,
    browser_language: textOf(c.additionalAttributes.browser_language),
    referer: textOf(c.additionalAttributes.referer),
    email: contact.email,
    phone_number: contact.phoneNumber,
    name: contact.name,
    ...(m && { content: m.content ?? null, message_type: MESSAGE_TYPES[m.message_type ?? -1] }),
    custom: { ...contact.customAttributes, ...c.customAttributes },
  };
}

const textOf = (v: unknown) => (typeof v === "string" ? v : null);

export type AutomationLog = Pick<Console, "warn">;

/**
 * Runs the account's active rules for one committed event (MA3, MA4, MA5). Each matching rule's
 * actions run in one transaction marked `parley.event_origin = automation`: the events they write carry
 * that origin and the processor never runs rules for them, so no rule loops on its own changes. A rule
 * that fails is logged and skipped; its transaction rolls back and the next rule still runs.
 */
export async function runAutomationRules(db: Db, e: StreamEvent, log: AutomationLog = console): Promise<number> {
  const eventName = automationEventOf(e);
  if (!eventName || e.conversationId === null) return 0;
  const rules = await db
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.accountId, e.accountId), eq(automationRules.eventName, eventName), eq(automationRules.active, true)))
    .orderBy(automationRules.id);
  if (!rules.length) return 0;
  let ran = 0;
  for (const rule of rules) {
    try {
      if (!(await ruleApplies(db, rule, e, e.conversationId))) continue;
      const actions = rule.actions.map((a) => actionSchema.parse(a));
      await db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('parley.event_origin', 'automation', true)`);
        for (const action of actions) await runAction(tx, { accountId: e.accountId, conversationId: e.conversationId! }, action, SYSTEM);
      });
      ran++;
    } catch (err) {
      log.warn(`automation: rule ${rule.id} skipped for event ${e.id} (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return ran;
}

// Facts are read per rule: an earlier rule's actions may have changed the conversation.
async function ruleApplies(db: Db, rule: AutomationRule, e: StreamEvent, conversationId: number): Promise<boolean> {
  const facts = await loadFacts(db, e, conversationId);
  if (!facts) return false;
  return conditionsHold(
    rule.conditions.map((c) => conditionSchema.parse(c)),
    facts,
  );
}
