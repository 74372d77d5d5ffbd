import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as assignmentsRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/assignments/route";
import * as lastSeenRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/update_last_seen/route";
import * as messagesRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route";
import * as settingsRoute from "@/app/api/v1/accounts/[accountId]/notification_settings/route";
import * as notificationRoute from "@/app/api/v1/accounts/[accountId]/notifications/[notificationId]/route";
import * as readAllRoute from "@/app/api/v1/accounts/[accountId]/notifications/read_all/route";
import * as notificationsRoute from "@/app/api/v1/accounts/[accountId]/notifications/route";
import * as unreadCountRoute from "@/app/api/v1/accounts/[accountId]/notifications/unread_count/route";
import { events, notifications, type Conversation } from "@/db/schema";
import { mentionMarkup } from "@/lib/notifications/mentions";
import { createMessage } from "@/lib/messages/create-message";
import { canReceive, loadAgentAudience } from "@/lib/realtime/audience";
import { replayEvents } from "@/lib/realtime/replay";
import { backends, type TestDatabase } from "@/test/support/db";
import { buildConversationRow } from "@/test/support/engine-fixtures";
import { buildApiWorld, call, closeApiDatabase, openApiDatabase, type ApiWorld } from "../app-api/support";
import { workflowDriver } from "./support";

type Index = {
  data: {
    meta: { unread_count: number; count: number; current_page: number };
    payload: { id: number; notification_type: string; primary_actor_id: number; primary_actor: { id: number }; read_at: string | null; secondary_actor: { id: number } | null; user: { id: number } }[];
  };
};

describe.each(backends)("notifications and mentions on %s", (backend) => {
  let t: TestDatabase;
  let w: ApiWorld;
  let c: Conversation;
  let driver: ReturnType<typeof workflowDriver>;
  beforeAll(async () => {
    t = await openApiDatabase(backend);
    w = await buildApiWorld(t.db);
    driver = workflowDriver(t.db);
  });
  afterAll(async () => closeApiDatabase(t));
  beforeEach(async () => {
    await t.db.delete(notifications);
    c = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    await driver.settle();
  });
  const p = (extra: Record<string, string> = {}) => ({ accountId: String(w.account.id), ...extra });
  const index = async (token: string) => (await call(notificationsRoute.GET, { params: p(), token })).body as Index;

  it("NT1 NT5 a private note mentioning agents notifies those who can see the conversation, not the writer or an outsider", async () => {
    const content = `${mentionMarkup({ id: w.colleague.id, name: "Cleo Colleague" })} and ${mentionMarkup({ id: w.outsider.id, name: "Olga" })} ${mentionMarkup({ id: w.agent.id, name: "Alan" })} please look`;
    const posted = await call(messagesRoute.POST, { method: "POST", params: p({ conversationId: String(c.displayId) }), token: w.agent.accessToken, body: { content, private: true } });
    expect(posted.status).toBe(200);
    expect((posted.body as { content: string }).content).toBe(content);
    await driver.settle();

    const colleague = await index(w.colleague.accessToken);
    expect(colleague.data.meta).toEqual({ unread_count: 1, count: 1, current_page: 1 });
    const [n] = colleague.data.payload;
    expect(n).toMatchObject({ notification_type: "conversation_mention", primary_actor_type: "Conversation", primary_actor_id: c.displayId, read_at: null, user: { id: w.colleague.id } });
    expect(n!.primary_actor.id).toBe(c.displayId);
    expect(n!.secondary_actor!.id).toBe((posted.body as { id: number }).id);
    expect(Object.keys(n!)).toEqual([
      "id",
      "notification_type",
      "push_message_title",
      "primary_actor_type",
      "primary_actor_id",
      "primary_actor",
      "read_at",
      "secondary_actor",
      "user",
      "created_at",
      "last_activity_at",
      "snoozed_until",
      "meta",
      "account_id",
    ]);
    expect((await index(w.outsider.accessToken)).data.meta.count).toBe(0);
    expect((await index(w.agent.accessToken)).data.meta.count).toBe(0);
  });

  it("NT2 notification.created reaches the notified agent only, live and on replay", async () => {
    await call(messagesRoute.POST, {
      method: "POST",
      params: p({ conversationId: String(c.displayId) }),
      token: w.agent.accessToken,
      body: { content: `${mentionMarkup({ id: w.colleague.id, name: "Cleo" })} hi`, private: true },
    });
    await driver.settle();
    const [row] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.accountId, w.account.id), eq(events.type, "notification.created")))
      .orderBy(events.id);
    expect(row).toMatchObject({ userId: w.colleague.id, private: true });
    const event = { ...row!, seq: row!.seq!, payload: row!.payload };
    expect((event.payload as { unread_count: number; notification: { notification_type: string } }).unread_count).toBe(1);
    expect(canReceive(await loadAgentAudience(t.db, w.colleague.id), event)).toBe(true);
    for (const other of [w.agent, w.admin, w.outsider]) expect(canReceive(await loadAgentAudience(t.db, other.id), event)).toBe(false);
    // Replay (E5) applies the same rule in SQL.
    const replayed = async (userId: number) => {
      const seen: string[] = [];
      await replayEvents(t.db, await loadAgentAudience(t.db, userId), row!.seq! - 1, (e) => void seen.push(e.type));
      return seen.includes("notification.created");
    };
    expect(await replayed(w.colleague.id)).toBe(true);
    expect(await replayed(w.admin.id)).toBe(false);
  });

  it("NT3 an assignment by someone else notifies the assignee; taking a conversation yourself does not", async () => {
    const assigned = await call(assignmentsRoute.POST, { method: "POST", params: p({ conversationId: String(c.displayId) }), token: w.admin.accessToken, body: { assignee_id: w.colleague.id } });
    expect(assigned.status).toBe(200);
    await driver.settle();
    const [n] = (await index(w.colleague.accessToken)).data.payload;
    expect(n).toMatchObject({ notification_type: "conversation_assignment", secondary_actor: { id: w.admin.id } });

    const other = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    const claimed = await call(assignmentsRoute.POST, { method: "POST", params: p({ conversationId: String(other.displayId) }), token: w.agent.accessToken, body: { assignee_id: w.agent.id } });
    expect(claimed.status).toBe(200);
    await driver.settle();
    expect((await index(w.agent.accessToken)).data.meta.count).toBe(0);
  });

  it("NT3 a visitor message notifies the assignee who has not looked since; more messages move the same notification up", async () => {
    await call(assignmentsRoute.POST, { method: "POST", params: p({ conversationId: String(c.displayId) }), token: w.agent.accessToken, body: { assignee_id: w.agent.id } });
    await driver.settle();
    await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: w.contact.id }, input: { content: "hello?" } });
    await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: w.contact.id }, input: { content: "anyone?" } });
    await driver.settle();
    const list = await index(w.agent.accessToken);
    expect(list.data.meta).toMatchObject({ unread_count: 1, count: 1 });
    expect(list.data.payload[0]).toMatchObject({ notification_type: "assigned_conversation_new_message" });

    // Looking at the conversation after the message: a message they have already seen notifies nothing.
    await t.db.delete(notifications);
    await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: w.contact.id }, input: { content: "still there?" } });
    expect((await call(lastSeenRoute.POST, { method: "POST", params: p({ conversationId: String(c.displayId) }), token: w.agent.accessToken })).status).toBe(200);
    await driver.settle();
    expect((await index(w.agent.accessToken)).data.meta.count).toBe(0);
  });

  it("NT1 reads one, reads all, counts unread, deletes; another agent's notification is a 404", async () => {
    for (const who of ["first", "second", "third"]) {
      await call(messagesRoute.POST, {
        method: "POST",
        params: p({ conversationId: String(c.displayId) }),
        token: w.agent.accessToken,
        body: { content: `${who} ${mentionMarkup({ id: w.colleague.id, name: "Cleo" })}`, private: true },
      });
    }
    await driver.settle();
    const token = w.colleague.accessToken;
    expect((await call(unreadCountRoute.GET, { params: p(), token })).body).toBe(3);
    const [a, b] = (await index(token)).data.payload;
    const read = await call(notificationRoute.PATCH, { method: "PATCH", params: p({ notificationId: String(a!.id) }), token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: a!.id, user_id: w.colleague.id, notification_type: "conversation_mention", primary_actor_type: "Conversation", primary_actor_id: c.displayId });
    expect((read.body as { read_at: string | null }).read_at).not.toBeNull();
    expect((await call(unreadCountRoute.GET, { params: p(), token })).body).toBe(2);

    expect((await call(notificationRoute.PATCH, { method: "PATCH", params: p({ notificationId: String(b!.id) }), token: w.agent.accessToken })).status).toBe(404);
    expect((await call(notificationRoute.DELETE, { method: "DELETE", params: p({ notificationId: String(b!.id) }), token: w.admin.accessToken })).status).toBe(404);
    expect((await call(notificationsRoute.GET, { params: p(), token: w.strangerAdmin.accessToken })).status).toBe(404);

    const all = await call(readAllRoute.POST, { method: "POST", params: p(), token });
    expect([all.status, all.text]).toEqual([200, ""]);
    expect((await call(unreadCountRoute.GET, { params: p(), token })).body).toBe(0);
    const gone = await call(notificationRoute.DELETE, { method: "DELETE", params: p({ notificationId: String(b!.id) }), token });
    expect([gone.status, gone.text]).toEqual([200, ""]);
    expect((await index(token)).data.meta.count).toBe(2);
  });

  it("NT4 notification settings choose which events notify; unknown flags are a 422 naming the field", async () => {
    const token = w.colleague.accessToken;
    const shown = await call(settingsRoute.GET, { params: p(), token });
    expect(shown.body).toMatchObject({
      user_id: w.colleague.id,
      account_id: w.account.id,
      all_push_flags: ["push_conversation_assignment", "push_conversation_mention", "push_assigned_conversation_new_message"],
      selected_push_flags: ["push_conversation_assignment", "push_conversation_mention", "push_assigned_conversation_new_message"],
      selected_email_flags: [],
    });
    const bad = await call(settingsRoute.PATCH, { method: "PATCH", params: p(), token, body: { notification_settings: { selected_push_flags: ["push_everything"] } } });
    expect(bad.status).toBe(422);
    expect((bad.body as { attributes: string[] }).attributes[0]).toContain("selected_push_flags");
    const saved = await call(settingsRoute.PATCH, { method: "PATCH", params: p(), token, body: { notification_settings: { selected_push_flags: ["push_conversation_assignment"] } } });
    expect((saved.body as { selected_push_flags: string[] }).selected_push_flags).toEqual(["push_conversation_assignment"]);

    await call(messagesRoute.POST, {
      method: "POST",
      params: p({ conversationId: String(c.displayId) }),
      token: w.agent.accessToken,
      body: { content: mentionMarkup({ id: w.colleague.id, name: "Cleo" }), private: true },
    });
    await driver.settle();
    expect((await index(token)).data.meta.count).toBe(0);
    await call(settingsRoute.PATCH, { method: "PATCH", params: p(), token, body: { selected_push_flags: ["push_conversation_assignment", "push_conversation_mention"] } });
  });
});
