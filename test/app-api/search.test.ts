import { beforeAll, describe, expect, it } from "vitest";
import * as searchAll from "@/app/api/v1/accounts/[accountId]/search/route";
import * as searchContactsRoute from "@/app/api/v1/accounts/[accountId]/search/contacts/route";
import * as searchConversationsRoute from "@/app/api/v1/accounts/[accountId]/search/conversations/route";
import * as searchMessagesRoute from "@/app/api/v1/accounts/[accountId]/search/messages/route";
import { messages, type NewMessage } from "@/db/schema";
import { backends } from "@/test/support/db";
import { buildContact, buildContactInbox, buildConversationRow } from "@/test/support/engine-fixtures";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Body = Record<string, unknown>;
type Payload = { payload: { conversations?: Body[]; contacts?: Body[]; messages?: Body[]; articles?: unknown[] } };

describe.each(backends)("Search API on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  let conversation: { id: number; displayId: number };
  let otherConversation: { id: number; displayId: number };
  const ids: Record<string, number> = {};
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 10, 12, minutes));

  beforeAll(async () => {
    conversation = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    otherConversation = await buildConversationRow(t.db, { accountId: w.account.id, inboxId: w.otherInbox.id, contactId: w.otherContact.id, contactInboxId: w.otherContactInbox.id });
    const strangerConversation = await buildConversationRow(t.db, {
      accountId: w.stranger.id,
      inboxId: w.strangerInbox.id,
      contactId: w.strangerContact.id,
      contactInboxId: w.strangerContactInbox.id,
    });
    const add = async (key: string, row: Omit<NewMessage, "messageType"> & Partial<NewMessage>) => {
      const [m] = await t.db
        .insert(messages)
        .values({ messageType: "incoming", ...row })
        .returning();
      ids[key] = m!.id;
    };
    const mine = { accountId: w.account.id, inboxId: w.inbox.id, conversationId: conversation.id };
    await add("ru", { ...mine, content: "Где мой заказ 5512? Его обещали доставить вчера", createdAt: at(1) });
    await add("en", { ...mine, content: "I asked for a refund on <script>alert(1)</script> order 5512", createdAt: at(2) });
    await add("phrase", { ...mine, content: "the parcel was delivered to the wrong address", createdAt: at(3) });
    await add("note", { ...mine, content: "Private: customer wants a discount voucher", private: true, messageType: "outgoing", createdAt: at(4) });
    await add("activity", { ...mine, content: "Conversation was marked resolved by voucher bot", messageType: "activity", createdAt: at(5) });
    await add("other", { accountId: w.account.id, inboxId: w.otherInbox.id, conversationId: otherConversation.id, content: "Other inbox: refund for the заказы", createdAt: at(6) });
    await add("stranger", { accountId: w.stranger.id, inboxId: w.strangerInbox.id, conversationId: strangerConversation.id, content: "Stranger refund заказ", createdAt: at(7) });
  });

  const acc = () => ({ accountId: String(w.account.id) });
  const search = async (route: typeof searchAll, q: string, token = w.admin.accessToken, extra = "") =>
    call(route.GET, { params: acc(), token, path: `/api/v1/accounts/${w.account.id}/search?q=${encodeURIComponent(q)}${extra}` });
  const messageIds = async (q: string, token?: string) => ((await search(searchMessagesRoute, q, token)).body as Payload).payload.messages!.map((m) => m.id);

  describe("GET /search/messages", () => {
    it("matches Russian and English words in any form: заказы finds заказ, refunds finds refund", async () => {
      expect(await messageIds("заказы")).toEqual([ids.other, ids.ru]);
      expect(await messageIds("refunds")).toEqual([ids.other, ids.en]);
      expect(await messageIds("обещал")).toEqual([ids.ru]);
    });

    it("matches the word being typed as a prefix (зака finds заказ, refu finds refund)", async () => {
      expect(await messageIds("зака")).toEqual([ids.other, ids.ru]);
      expect(await messageIds("refu")).toEqual([ids.other, ids.en]);
      expect(await messageIds("5512 addr")).toEqual([]);
      expect(await messageIds("wrong addr")).toEqual([ids.phrase]);
    });

    it("all words must match; quoted phrases match in order", async () => {
      expect(await messageIds("refund 5512")).toEqual([ids.en]);
      expect(await messageIds('"wrong address"')).toEqual([ids.phrase]);
      expect(await messageIds('"address wrong"')).toEqual([]);
    });

    it("answers Chatwoot's message shape, newest first, with a snippet whose only markup is <mark>", async () => {
      const res = await search(searchMessagesRoute, "refund");
      expect(res.status).toBe(200);
      const [first, second] = (res.body as Payload).payload.messages!;
      expect(first).toMatchObject({ id: ids.other, conversation_id: otherConversation.displayId, inbox_id: w.otherInbox.id, message_type: 0, private: false });
      expect(Object.keys(second!)).toEqual(
        expect.arrayContaining([
          "id",
          "content",
          "inbox_id",
          "conversation_id",
          "message_type",
          "content_type",
          "status",
          "content_attributes",
          "created_at",
          "private",
          "source_id",
          "search_snippet",
        ]),
      );
      expect(second!.search_snippet).toContain("<mark>refund</mark>");
      expect(second!.search_snippet).not.toMatch(/<(?!\/?mark>)/);
    });

    it("agents find private notes in their inboxes; activity lines are never found", async () => {
      expect(await messageIds("voucher", w.agent.accessToken)).toEqual([ids.note]);
    });

    it("is scoped in the query: an agent finds only their inboxes' messages, nobody another account's", async () => {
      expect(await messageIds("refund", w.agent.accessToken)).toEqual([ids.en]);
      expect(await messageIds("refund", w.outsider.accessToken)).toEqual([ids.other]);
      expect(await messageIds("refund", w.admin.accessToken)).not.toContain(ids.stranger);
    });

    it("pages 15 at a time", async () => {
      const rows = Array.from({ length: 17 }, (_, i) => ({
        accountId: w.account.id,
        inboxId: w.inbox.id,
        conversationId: conversation.id,
        messageType: "incoming" as const,
        content: `pagination marker ${i}`,
        createdAt: at(10 + i),
      }));
      await t.db.insert(messages).values(rows);
      const one = (await search(searchMessagesRoute, "marker", w.admin.accessToken, "&page=1")).body as Payload;
      const two = (await search(searchMessagesRoute, "marker", w.admin.accessToken, "&page=2")).body as Payload;
      expect(one.payload.messages!.map((m) => m.content)).toEqual(Array.from({ length: 15 }, (_, i) => `pagination marker ${16 - i}`));
      expect(two.payload.messages!.map((m) => m.content)).toEqual(["pagination marker 1", "pagination marker 0"]);
    });

    it("input that is only punctuation or stop words finds nothing rather than failing", async () => {
      for (const q of ["!!!", "the", "'&|:*", '"', "(((", "-"]) {
        const res = await search(searchMessagesRoute, q);
        expect([q, res.status, (res.body as Payload).payload.messages]).toEqual([q, 200, []]);
      }
    });

    it("a blank q or a bad page is a 422 naming the field", async () => {
      const blank = await search(searchMessagesRoute, "  ");
      expect([blank.status, (blank.body as Body).attributes]).toEqual([422, ["q"]]);
      const page = await search(searchMessagesRoute, "refund", w.admin.accessToken, "&page=0");
      expect([page.status, (page.body as Body).attributes]).toEqual([422, ["page"]]);
    });
  });

  describe("GET /search/contacts", () => {
    it("finds contacts by part of a name, email or identifier and by phone digits in any formatting", async () => {
      const ivan = await buildContact(t.db, { accountId: w.account.id, name: "Иван Петров", email: "ivan.petrov@example.test", phoneNumber: "+79161234567", identifier: "crm-ivan-77" });
      await buildContactInbox(t.db, { accountId: w.account.id, contactId: ivan.id, inboxId: w.inbox.id });
      const find = async (q: string, token = w.admin.accessToken) => ((await search(searchContactsRoute, q, token)).body as Payload).payload.contacts!.map((c) => c.id);
      expect(await find("иван")).toEqual([ivan.id]);
      expect(await find("ПЕТР")).toEqual([ivan.id]);
      expect(await find("petrov@exa")).toEqual([ivan.id]);
      expect(await find("ivan-77")).toEqual([ivan.id]);
      expect(await find("+7 (916) 123-45")).toEqual([ivan.id]);
      expect(await find("916 123")).toEqual([ivan.id]);
      expect(await find("петров иван")).toEqual([ivan.id]);
      expect(await find("50%")).toEqual([]);
      // Agents: contacts of their inboxes only.
      expect(await find("иван", w.agent.accessToken)).toEqual([ivan.id]);
      expect(await find("иван", w.outsider.accessToken)).toEqual([]);
    });

    it("pages 15 at a time, most recently active first", async () => {
      for (let i = 0; i < 17; i++) {
        await buildContact(t.db, { accountId: w.account.id, name: `Zed Pager ${i}`, email: `zed${i}@example.test`, lastActivityAt: at(i) });
      }
      const names = async (page: number, token = w.admin.accessToken) =>
        ((await search(searchContactsRoute, "zed pager", token, `&page=${page}`)).body as Payload).payload.contacts!.map((c) => c.name);
      expect(await names(1)).toEqual(Array.from({ length: 15 }, (_, i) => `Zed Pager ${16 - i}`));
      expect(await names(2)).toEqual(["Zed Pager 1", "Zed Pager 0"]);
      // Contacts in no inbox are account-wide (Chatwoot): an agent pages through them alike.
      expect(await names(1, w.agent.accessToken)).toEqual(Array.from({ length: 15 }, (_, i) => `Zed Pager ${16 - i}`));
      expect(await names(2, w.agent.accessToken)).toEqual(["Zed Pager 1", "Zed Pager 0"]);
    });

    it("answers Chatwoot's search contact shape", async () => {
      const res = await search(searchContactsRoute, "ivan.petrov");
      const [c] = (res.body as Payload).payload.contacts!;
      expect(Object.keys(c!)).toEqual(["email", "id", "name", "phone_number", "identifier", "additional_attributes", "last_activity_at"]);
    });
  });

  describe("GET /search/conversations", () => {
    it("finds a conversation by #display id or by its contact, in the agent's inboxes only", async () => {
      const find = async (q: string, token = w.admin.accessToken) => ((await search(searchConversationsRoute, q, token)).body as Payload).payload.conversations!.map((c) => c.id);
      expect(await find(`#${otherConversation.displayId}`)).toEqual([otherConversation.displayId]);
      expect(await find(`#${otherConversation.displayId}`, w.agent.accessToken)).toEqual([]);
      expect(await find("grace vis")).toEqual([conversation.displayId]);
      expect(await find("Other Person", w.outsider.accessToken)).toEqual([otherConversation.displayId]);
      expect(await find("Other Person", w.agent.accessToken)).toEqual([]);
    });

    it("answers Chatwoot's shape: display id, first message, contact, inbox, agent", async () => {
      const res = await search(searchConversationsRoute, `#${conversation.displayId}`);
      const [c] = (res.body as Payload).payload.conversations!;
      expect(Object.keys(c!)).toEqual(["id", "account_id", "created_at", "message", "contact", "inbox", "agent", "additional_attributes"]);
      expect(c).toMatchObject({
        id: conversation.displayId,
        account_id: w.account.id,
        message: { id: ids.ru },
        contact: { id: w.contact.id },
        inbox: { id: w.inbox.id, channel_type: "Channel::WebWidget" },
        agent: {},
      });
    });
  });

  describe("GET /search", () => {
    it("answers every kind at once", async () => {
      const res = await search(searchAll, "grace");
      expect(res.status).toBe(200);
      const { payload } = res.body as Payload;
      expect(Object.keys(payload)).toEqual(["conversations", "contacts", "messages", "articles"]);
      expect(payload.conversations!.map((c) => c.id)).toEqual([conversation.displayId]);
      expect(Object.keys(payload.conversations![0]!)).not.toContain("additional_attributes");
    });

    it("another account's members get a 404, a missing token a 401", async () => {
      const stranger = await call(searchAll.GET, { params: acc(), token: w.strangerAdmin.accessToken, path: `/api/v1/accounts/${w.account.id}/search?q=refund` });
      expect(stranger.status).toBe(404);
      const anonymous = await call(searchAll.GET, { params: acc(), path: `/api/v1/accounts/${w.account.id}/search?q=refund` });
      expect(anonymous.status).toBe(401);
    });
  });
});
