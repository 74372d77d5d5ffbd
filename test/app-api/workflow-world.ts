import { eq } from "drizzle-orm";
import { beforeAll, expect } from "vitest";
import * as teamsRoute from "@/app/api/v1/accounts/[accountId]/teams/route";
import { conversations } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import type { Backend } from "@/test/support/db";
import { buildContact, buildContactInbox, buildLabel, reloadConversation } from "@/test/support/engine-fixtures";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

export type Body = Record<string, unknown>;
export type List = { data: { meta: Record<string, number>; payload: Body[] } };

/** The team workflow suites' world: the API world with the labels billing and vip, and helpers. */
export function setUpWorkflowWorld(backend: Backend) {
  const { t, w } = setUpApiWorld(backend);
  beforeAll(async () => {
    await buildLabel(t.db, { accountId: w.account.id, title: "billing" });
    await buildLabel(t.db, { accountId: w.account.id, title: "vip" });
  });

  const acc = () => ({ accountId: String(w.account.id) });
  const base = () => `/api/v1/accounts/${w.account.id}`;
  async function newConversation(values: Partial<typeof conversations.$inferInsert> = {}, contactValues: { name?: string; email?: string } = {}) {
    const contact = await buildContact(t.db, { accountId: w.account.id, name: contactValues.name ?? "Visitor", email: contactValues.email ?? `v${Math.random().toString(36).slice(2)}@example.test` });
    const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: contact.id, inboxId: w.inbox.id });
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: contact.id, contactInboxId: ci.id });
    if (Object.keys(values).length) await t.db.update(conversations).set(values).where(eq(conversations.id, c.id));
    return reloadConversation(t.db, c.id);
  }
  async function newTeam(name: string, allow_auto_assign = false) {
    const res = await call(teamsRoute.POST, { method: "POST", params: acc(), token: w.admin.accessToken, body: { name, description: `${name} people`, allow_auto_assign } });
    expect(res.status).toBe(200);
    return res.body as Body & { id: number };
  }
  return { t, w, acc, base, newConversation, newTeam };
}
