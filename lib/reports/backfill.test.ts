import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { reportingEvents } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { toggleConversationStatus } from "@/lib/conversations/toggle-status";
import { createMessage } from "@/lib/messages/create-message";
import { buildWorld } from "@/test/support/engine-fixtures";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { backfillReportingEvents } from "./backfill";

const T0 = new Date("2026-03-02T21:30:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(backends)("reports backfill on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => closeTestDatabase(t));

  it("rebuilds from messages and status activity exactly the events the live path recorded; a second run adds nothing", async () => {
    const w = await buildWorld(t.db, { workingHoursEnabled: true, timezone: "America/New_York", enableAutoAssignment: false });
    const contact = { type: "contact" as const, id: w.contact.id };
    const agent = { type: "user" as const, id: w.agent.id };
    const actor = { type: "user" as const, id: w.agent.id, role: "agent" as const };
    for (let k = 0; k < 3; k++) {
      const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id, now: at(k * 1000) });
      const post = (sender: typeof contact | typeof agent, s: number) => createMessage(t.db, { conversationId: c.id, sender, input: { content: `m${s}` }, now: at(k * 1000 + s) });
      await post(contact, 5);
      await post(agent, 50 + k * 7);
      await post(contact, 100);
      await post(agent, 160);
      await toggleConversationStatus(t.db, { conversationId: c.id, input: { status: "resolved" }, actor, now: at(k * 1000 + 200) });
      if (k === 1) {
        await post(contact, 300); // reopens
        await post(agent, 420);
        await toggleConversationStatus(t.db, { conversationId: c.id, input: { status: "resolved" }, actor, now: at(k * 1000 + 500) });
      }
    }
    const snapshot = () =>
      t.db
        .select({
          c: reportingEvents.conversationId,
          name: reportingEvents.name,
          value: reportingEvents.value,
          business: reportingEvents.valueInBusinessHours,
          user: reportingEvents.userId,
          start: reportingEvents.eventStartTime,
          end: reportingEvents.eventEndTime,
        })
        .from(reportingEvents)
        .where(eq(reportingEvents.accountId, w.account.id))
        .orderBy(asc(reportingEvents.conversationId), asc(reportingEvents.eventEndTime), asc(reportingEvents.name));
    const live = await snapshot();
    expect(live).toHaveLength(3 * 3 + 3); // each: first_response, reply_time, resolved; the second also opened, reply_time, resolved

    await t.db.delete(reportingEvents).where(eq(reportingEvents.accountId, w.account.id));
    const first = await backfillReportingEvents(t.db, { accountId: w.account.id, batch: 2 });
    expect(first).toMatchObject({ conversations: 3, events: live.length });
    expect(await snapshot()).toEqual(live);

    const again = await backfillReportingEvents(t.db, { accountId: w.account.id, batch: 2 });
    expect(again).toMatchObject({ conversations: 0, events: 0 });
    expect(await snapshot()).toHaveLength(live.length);

    // The message rollup now holds every incoming and outgoing message of the account (sender 0 rows),
    // and the agent's outgoing ones again under their id.
    const rolled = await queryRows<{ agent: boolean; incoming: number; outgoing: number }>(
      t.db,
      sql`select sender_id <> 0 as agent, sum(incoming)::int as incoming, sum(outgoing)::int as outgoing from report_message_rollups where account_id = ${w.account.id} group by 1 order by 1`,
    );
    expect(rolled).toEqual([
      { agent: false, incoming: 3 * 2 + 1, outgoing: 3 * 2 + 1 },
      { agent: true, incoming: 0, outgoing: 3 * 2 + 1 },
    ]);
  });
});
