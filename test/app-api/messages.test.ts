import { describe, expect, it } from "vitest";
import * as messagesRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route";
import * as assignmentsRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/assignments/route";
import * as lastSeenRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/update_last_seen/route";
import * as messageRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/[messageId]/route";
import { createConversation } from "@/lib/conversations/create-conversation";
import { insertMessage } from "@/lib/messages/insert-message";
import { backends } from "@/test/support/db";
import { addMember, buildContactInbox, buildInbox, messagesOf, reloadConversation } from "@/test/support/engine-fixtures";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Body = Record<string, unknown>;
const APP_MESSAGE_KEYS = ["id", "content", "inbox_id", "conversation_id", "message_type", "content_type", "status", "content_attributes", "created_at", "private", "source_id"];

describe.each(backends)("Application API messages on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);

  const newConversation = () => createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
  const params = (displayId: number) => ({ accountId: String(w.account.id), conversationId: String(displayId) });
  const post = (displayId: number, body: unknown, token = w.agent.accessToken) => call(messagesRoute.POST, { method: "POST", params: params(displayId), token, body });
  const list = (displayId: number, qs = "") =>
    call(messagesRoute.GET, { params: params(displayId), path: `/api/v1/accounts/${w.account.id}/conversations/${displayId}/messages${qs}`, token: w.agent.accessToken });

  describe("POST …/messages", () => {
    it("posts an outgoing message by the caller and answers 200 AppMessage (int message_type, epoch created_at, UserPush sender, no echo_id key when none was sent)", async () => {
      const c = await newConversation();
      const res = await post(c.displayId, { content: "Hello!" });
      expect(res.status).toBe(200);
      const body = res.body as Body;
      expect(Object.keys(body)).toEqual([...APP_MESSAGE_KEYS, "sender"]);
      expect(body).toMatchObject({
        content: "Hello!",
        inbox_id: w.inbox.id,
        conversation_id: c.displayId,
        message_type: 1,
        content_type: "text",
        status: "sent",
        content_attributes: {},
        private: false,
        source_id: null,
      });
      expect(body.sender).toMatchObject({ id: w.agent.id, type: "user", available_name: w.agent.name });
      expect(Number.isInteger(body.created_at)).toBe(true);
    });

    it("echo_id is echoed; M6: the same echo_id again answers the stored message with 200 and stores nothing", async () => {
      const c = await newConversation();
      const first = await post(c.displayId, { content: "once", echo_id: "tmp-1" });
      expect(Object.keys(first.body as Body)).toEqual(["id", "content", "inbox_id", "echo_id", ...APP_MESSAGE_KEYS.slice(3), "sender"]);
      const again = await post(c.displayId, { content: "once", echo_id: "tmp-1" });
      expect(again.status).toBe(200);
      expect((again.body as Body).id).toBe((first.body as Body).id);
      expect((again.body as Body).echo_id).toBe("tmp-1");
      // a transient attribute in Chatwoot: the index never carries it
      const listed = ((await list(c.displayId)).body as { payload: Body[] }).payload.find((m) => m.id === (first.body as Body).id);
      expect(listed).not.toHaveProperty("echo_id");
      expect((await messagesOf(t.db, c.id)).filter((m) => m.content === "once")).toHaveLength(1);
    });

    it("M5: a private note is stored private and does not count as the first reply", async () => {
      const c = await newConversation();
      const res = await post(c.displayId, { content: "internal", private: true });
      expect((res.body as Body).private).toBe(true);
      expect((await reloadConversation(t.db, c.id)).firstReplyCreatedAt).toBeNull();
    });

    it("content_attributes may arrive as a JSON string (form posts), as Chatwoot accepts", async () => {
      const c = await newConversation();
      const res = await post(c.displayId, { content: "pick", content_type: "input_select", content_attributes: JSON.stringify({ items: [{ title: "A", value: "a" }] }) });
      expect(res.status).toBe(200);
      expect((res.body as Body).content_attributes).toEqual({ items: [{ title: "A", value: "a" }] });
    });

    it("message_type incoming is refused outside API inboxes (422) and, in an API inbox, is sent by the conversation's contact", async () => {
      const c = await newConversation();
      const refused = await post(c.displayId, { content: "from the contact", message_type: "incoming" });
      expect(refused.status).toBe(422);
      expect((refused.body as { attributes: string[] }).attributes).toEqual(["message_type"]);

      const apiInbox = await buildInbox(t.db, { accountId: w.account.id, name: "API", channelType: "api", enableAutoAssignment: false });
      await addMember(t.db, { accountId: w.account.id, inboxId: apiInbox.id, userId: w.agent.id });
      const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: w.contact.id, inboxId: apiInbox.id });
      const apiConversation = await createConversation(t.db, { accountId: w.account.id, inboxId: apiInbox.id, contactId: w.contact.id, contactInboxId: ci.id });
      const res = await post(apiConversation.displayId, { content: "from the contact", message_type: "incoming" });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ message_type: 0, sender: { id: w.contact.id, type: "contact" } });
    });

    it("an empty message is a 422 naming content; message_type activity is a 422 (the server's own)", async () => {
      const c = await newConversation();
      expect((await post(c.displayId, { content: "  " })).body).toMatchObject({ attributes: ["content"] });
      expect((await post(c.displayId, { content: "x", message_type: "activity" })).status).toBe(422);
    });

    it("M2: past the flood limit the next post is a 429 with Retry-After and 'Too many messages', and nothing is written", async () => {
      const c = await newConversation();
      const now = new Date();
      for (let i = 0; i < 20; i++) await insertMessage(t.db, c, { messageType: "outgoing", content: `m${i}`, createdAt: new Date(now.getTime() - 1000) });
      const before = (await messagesOf(t.db, c.id)).length;
      const res = await post(c.displayId, { content: "one more" });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(res.body).toEqual({ error: "Too many messages" });
      expect((await messagesOf(t.db, c.id)).length).toBe(before);
    });
  });

  describe("GET …/messages (M8)", () => {
    it("answers {meta: {labels, additional_attributes, contact, agent_last_seen_at, assignee_last_seen_at}, payload} incl. private notes and activity, oldest first", async () => {
      const c = await newConversation();
      await post(c.displayId, { content: "note", private: true });
      await post(c.displayId, { content: "reply" });
      const res = await list(c.displayId);
      expect(res.status).toBe(200);
      const body = res.body as { meta: Body; payload: Body[] };
      expect(Object.keys(body)).toEqual(["meta", "payload"]);
      expect(Object.keys(body.meta)).toEqual(["labels", "additional_attributes", "contact", "agent_last_seen_at", "assignee_last_seen_at"]);
      expect(body.meta.contact).toMatchObject({ id: w.contact.id, type: "contact" });
      expect(body.payload.map((m) => m.content)).toEqual(["note", "reply"]);
    });

    it("meta.assignee is a UserPush when a user is assigned; last-seen values are ISO strings", async () => {
      const c = await newConversation();
      await call(assignmentsRoute.POST, { method: "POST", params: params(c.displayId), token: w.agent.accessToken, body: { assignee_id: w.agent.id } });
      await call(lastSeenRoute.POST, { method: "POST", params: params(c.displayId), token: w.agent.accessToken });
      const meta = ((await list(c.displayId)).body as { meta: Body }).meta;
      expect(Object.keys(meta)).toEqual(["labels", "additional_attributes", "contact", "assignee", "agent_last_seen_at", "assignee_last_seen_at"]);
      expect(meta.assignee).toMatchObject({ id: w.agent.id, type: "user" });
      expect(meta.agent_last_seen_at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    });

    it("the latest 20; before=<id> the 20 older; after=<id> up to 100 newer", async () => {
      const c = await newConversation();
      const base = new Date(Date.now() - 3_600_000);
      for (let i = 0; i < 45; i++) await insertMessage(t.db, c, { messageType: "outgoing", content: `m${i}`, createdAt: new Date(base.getTime() + i * 1000) });
      const ids = (await messagesOf(t.db, c.id)).map((m) => m.id);
      const page = async (qs: string) => ((await list(c.displayId, qs)).body as { payload: Body[] }).payload.map((m) => m.id);
      expect(await page("")).toEqual(ids.slice(-20));
      expect(await page(`?before=${ids[25]}`)).toEqual(ids.slice(5, 25));
      expect(await page(`?after=${ids[39]}`)).toEqual(ids.slice(40));
      expect((await list(c.displayId, "?before=abc")).status).toBe(422);
    });
  });

  describe("DELETE …/messages/{id} (M7)", () => {
    it("soft-deletes: content replaced, content_attributes.deleted, the row kept; answers the updated AppMessage", async () => {
      const c = await newConversation();
      const posted = (await post(c.displayId, { content: "oops" })).body as Body;
      const res = await call(messageRoute.DELETE, { method: "DELETE", params: { ...params(c.displayId), messageId: String(posted.id) }, token: w.agent.accessToken });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: posted.id, content: "This message was deleted", content_type: "text", content_attributes: { deleted: true } });
      expect((await messagesOf(t.db, c.id)).find((m) => m.id === posted.id)?.content).toBe("This message was deleted");
    });

    it("a message of another conversation, or an unknown id, is a 404", async () => {
      const a = await newConversation();
      const b = await newConversation();
      const inA = (await post(a.displayId, { content: "in a" })).body as Body;
      const wrong = await call(messageRoute.DELETE, { method: "DELETE", params: { ...params(b.displayId), messageId: String(inA.id) }, token: w.agent.accessToken });
      expect(wrong.status).toBe(404);
      const unknown = await call(messageRoute.DELETE, { method: "DELETE", params: { ...params(b.displayId), messageId: "99999999" }, token: w.agent.accessToken });
      expect(unknown.status).toBe(404);
      expect((await messagesOf(t.db, a.id)).find((m) => m.id === inA.id)?.content).toBe("in a");
    });
  });
});
