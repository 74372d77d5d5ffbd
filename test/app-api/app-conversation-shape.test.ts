import { describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/v1/accounts/[accountId]/conversations/route";
import * as showRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/route";
import * as toggleStatusRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_status/route";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import { insertMessage } from "@/lib/messages/insert-message";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { backends } from "@/test/support/db";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Body = Record<string, unknown>;

/** chatwoot-api.md §1 AppConversation, keys in the order the view emits them (no SLA feature). */
const APP_CONVERSATION_KEYS = [
  "meta",
  "id",
  "messages",
  "account_id",
  "uuid",
  "additional_attributes",
  "agent_last_seen_at",
  "assignee_last_seen_at",
  "can_reply",
  "contact_last_seen_at",
  "custom_attributes",
  "inbox_id",
  "labels",
  "muted",
  "snoozed_until",
  "status",
  "created_at",
  "updated_at",
  "timestamp",
  "first_reply_created_at",
  "unread_count",
  "last_non_activity_message",
  "last_activity_at",
  "priority",
  "waiting_since",
  "sla_policy_id",
  // Parley addition (U10): what the operator list previews.
  "last_person_message",
];
const APP_CONTACT_KEYS = ["additional_attributes", "availability_status", "email", "id", "name", "phone_number", "blocked", "identifier", "thumbnail", "custom_attributes"];

describe.each(backends)("AppConversation wire shape on %s (chatwoot-api.md §1, §E)", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  const params = (displayId: number) => ({ accountId: String(w.account.id), conversationId: String(displayId) });

  it("an unassigned conversation without messages: keys, epoch ints (0 for NULL), float updated_at, no assignee keys in meta", async () => {
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    const body = (await call(showRoute.GET, { params: params(c.displayId), token: w.admin.accessToken })).body as Body;
    expect(Object.keys(body)).toEqual(APP_CONVERSATION_KEYS);
    const meta = body.meta as Body;
    expect(Object.keys(meta)).toEqual(["sender", "channel", "hmac_verified"]);
    expect(meta.channel).toBe("Channel::WebWidget");
    expect(meta.hmac_verified).toBe(false);
    const sender = meta.sender as Body;
    // last_activity_at is absent while NULL (written inside an `if`); created_at is an epoch int
    expect(Object.keys(sender)).toEqual([...APP_CONTACT_KEYS, "created_at"]);
    expect(sender).toMatchObject({ id: w.contact.id, availability_status: "offline", thumbnail: "" });
    expect(body).toMatchObject({
      id: c.displayId,
      messages: [],
      account_id: w.account.id,
      agent_last_seen_at: 0,
      assignee_last_seen_at: 0,
      contact_last_seen_at: 0,
      first_reply_created_at: 0,
      can_reply: true,
      muted: false,
      snoozed_until: null,
      status: "open",
      labels: [],
      unread_count: 0,
      last_non_activity_message: null,
      priority: null,
      sla_policy_id: null,
    });
    for (const k of ["created_at", "timestamp", "last_activity_at", "waiting_since"]) expect(Number.isInteger(body[k])).toBe(true);
    expect(body.created_at).toBe(Math.floor(c.createdAt.getTime() / 1000));
    expect(body.updated_at).toBe(c.updatedAt.getTime() / 1000);
    expect(typeof body.uuid).toBe("string");
  });

  it("messages holds the latest message of any kind (here an activity, int message_type 2); last_non_activity_message the latest other; assignee is an Agent with assignee_type User", async () => {
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: w.contact.id }, input: { content: "hello?" } });
    await assignConversation(t.db, { conversationId: c.id, assigneeId: w.agent.id, actor: { type: "user", id: w.admin.id, role: "administrator" }, mode: "reassign" });
    for (const body of [
      (await call(showRoute.GET, { params: params(c.displayId), token: w.admin.accessToken })).body as Body,
      ((await call(listRoute.GET, { params: { accountId: String(w.account.id) }, token: w.admin.accessToken })).body as { data: { payload: Body[] } }).data.payload.find((x) => x.id === c.displayId)!,
    ]) {
      expect(Object.keys(body)).toEqual(APP_CONVERSATION_KEYS);
      const meta = body.meta as Body;
      expect(Object.keys(meta)).toEqual(["sender", "channel", "assignee", "assignee_type", "hmac_verified"]);
      expect(meta.assignee_type).toBe("User");
      expect(meta.assignee).toMatchObject({ id: w.agent.id, role: "agent", email: w.agent.email, provider: "email", thumbnail: "" });
      const [latest] = body.messages as Body[];
      expect(latest).toMatchObject({ message_type: 2, content_type: "text", conversation_id: c.displayId, private: false });
      expect(latest!.content).toMatch(/Assigned to/);
      expect(body.last_non_activity_message).toMatchObject({ content: "hello?", message_type: 0, sender: { id: w.contact.id, type: "contact" } });
      expect(typeof (body.last_non_activity_message as Body).created_at).toBe("number");
      expect(typeof (body.last_non_activity_message as Body).updated_at).toBe("string");
      expect(body.unread_count).toBe(1);
    }
  });

  it("U10: last_person_message is the latest message a person wrote — not the email-collect template after it; a human reply replaces it", async () => {
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    await createMessage(t.db, { conversationId: c.id, sender: { type: "contact", id: w.contact.id }, input: { content: "Do you ship to Oslo?" } });
    await insertMessage(t.db, c, {
      messageType: "template",
      content: "Get notified by email",
      contentType: "input_email",
      additionalAttributes: { auto_message: "email_collect" },
      createdAt: new Date(Date.now() + 1000),
    });
    const read = async () => [
      (await call(showRoute.GET, { params: params(c.displayId), token: w.admin.accessToken })).body as Body,
      ((await call(listRoute.GET, { params: { accountId: String(w.account.id) }, token: w.admin.accessToken })).body as { data: { payload: Body[] } }).data.payload.find((x) => x.id === c.displayId)!,
    ];
    for (const body of await read()) {
      expect(body.last_non_activity_message).toMatchObject({ content: "Get notified by email", message_type: 3 });
      expect(body.last_person_message).toMatchObject({ content: "Do you ship to Oslo?", message_type: 0, sender: { id: w.contact.id, type: "contact" } });
    }
    await createMessage(t.db, { conversationId: c.id, sender: { type: "user", id: w.admin.id }, input: { content: "We do.", message_type: "outgoing" }, now: new Date(Date.now() + 2000) });
    for (const body of await read()) expect(body.last_person_message).toMatchObject({ content: "We do.", message_type: 1, sender_type: "User" });
  });

  it("toggle_status snoozed without a time answers snoozed_until null (until the next incoming message, C2)", async () => {
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    const res = await call(toggleStatusRoute.POST, { method: "POST", params: params(c.displayId), token: w.admin.accessToken, body: { status: "snoozed" } });
    expect(res.body).toEqual({ payload: { success: true, conversation_id: c.displayId, current_status: "snoozed", snoozed_until: null } });
  });
});
