import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRules, type AutomationRule } from "@/db/schema";
import { listDefinitions } from "@/lib/custom-attributes/definitions";
import { AppError } from "@/lib/errors";
import { epoch } from "@/lib/presenters/time";
import type { AutomationRuleInput, Condition } from "./workflow-input";
import { CONDITION_ATTRIBUTES } from "./workflow-names";

/** Chatwoot's automation rule (`_automation_rule.json.jbuilder`). */
export function presentAutomationRule(r: AutomationRule) {
  return {
    id: r.id,
    account_id: r.accountId,
    name: r.name,
    description: r.description,
    event_name: r.eventName,
    conditions: r.conditions,
    actions: r.actions,
    created_on: epoch(r.createdAt),
    active: r.active,
  };
}

export function listAutomationRules(db: Db, { accountId }: { accountId: number }): Promise<AutomationRule[]> {
  return db.select().from(automationRules).where(eq(automationRules.accountId, accountId)).orderBy(asc(automationRules.id));
}

export async function getAutomationRule(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<AutomationRule> {
  const [row] = await db
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.accountId, accountId), eq(automationRules.id, id)));
  if (!row) throw AppError.notFound();
  return row;
}

/**
 * A condition on anything but the standard attributes names a custom attribute of the account (the
 * conversation's or the contact's), as the filter's do: a typo is a 422, not a rule that never matches.
 */
async function checkCustomKeys(db: Db, accountId: number, conditions: Condition[] | undefined): Promise<void> {
  const custom = (conditions ?? []).map((c, i) => [c.attribute_key, i] as const).filter(([key]) => !(CONDITION_ATTRIBUTES as readonly string[]).includes(key));
  if (!custom.length) return;
  const defined = new Set((await listDefinitions(db, { accountId })).map((d) => d.attributeKey));
  const unknown = custom.find(([key]) => !defined.has(key));
  if (unknown) throw AppError.validation({ [`conditions.${unknown[1]}.attribute_key`]: [`is not a known attribute: ${unknown[0]}`] });
}

export async function createAutomationRule(db: Db, { accountId, input }: { accountId: number; input: AutomationRuleInput }): Promise<AutomationRule> {
  await checkCustomKeys(db, accountId, input.conditions);
  const [row] = await db
    .insert(automationRules)
    .values({ accountId, name: input.name, description: input.description ?? null, eventName: input.event_name, conditions: input.conditions, actions: input.actions, active: input.active })
    .returning();
  return row!;
}

export async function updateAutomationRule(db: Db, { accountId, id, input }: { accountId: number; id: number; input: Partial<AutomationRuleInput> }): Promise<AutomationRule> {
  const current = await getAutomationRule(db, { accountId, id });
  await checkCustomKeys(db, accountId, input.conditions);
  // A condition on the message needs a message event, whichever of the two the update changes.
  const event = input.event_name ?? current.eventName;
  const conditions = input.conditions ?? current.conditions;
  if (event !== "message_created") {
    const i = conditions.findIndex((c) => c.attribute_key === "content" || c.attribute_key === "message_type");
    if (i >= 0) throw AppError.validation({ [`conditions.${i}.attribute_key`]: [`${conditions[i]!.attribute_key} applies to message_created only`] });
  }
  const [row] = await db
    .update(automationRules)
    .set({
      name: input.name,
      description: input.description === undefined ? undefined : input.description,
      eventName: input.event_name,
      conditions: input.conditions,
      actions: input.actions,
      active: input.active,
      updatedAt: new Date(),
    })
    .where(eq(automationRules.id, current.id))
    .returning();
  return row!;
}

export async function deleteAutomationRule(db: Db, { accountId, id }: { accountId: number; id: number }): Promise<void> {
  const rows = await db
    .delete(automationRules)
    .where(and(eq(automationRules.accountId, accountId), eq(automationRules.id, id)))
    .returning({ id: automationRules.id });
  if (!rows.length) throw AppError.notFound();
}
