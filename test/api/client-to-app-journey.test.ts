import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import * as appConversations from "@/app/api/v1/accounts/[accountId]/conversations/route";
import * as appMessages from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { eventsOf } from "@/test/support/engine-fixtures";
import { apiRequest, callRoute } from "@/test/support/http";
import { clientApi } from "@/test/support/client-api";
import { buildClientWorld } from "@/test/support/client-world";

/**
 * One visitor and one agent through both public APIs, on real Postgres: the Client API creates the
 * contact (§A1), a conversation (§A5) and a message (§A11); the agent, through the Application API
 * route handlers, finds it, replies and adds a private note; the visitor sees the reply and not the
 * note (M5), reading marks the reply read (§A9, C6, E7), and the outbox holds what realtime delivers.
 */
describe("Client API → Application API journey (postgres)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    installDatabase(t);
  });
  afterAll(async () => closeTestDatabase(t));

  it("visitor writes, agent replies with a note beside, visitor reads the reply only and it turns read", async () => {
    const w = await buildClientWorld(t.db);
    const app = (handler: Parameters<typeof callRoute>[0], path: string, params: Record<string, string>, opts: { method?: string; body?: unknown } = {}) =>
      apiRequest(path, { token: w.agent.accessToken, ...opts }).then((req) => callRoute(handler, req, params));
    const accountPath = `/api/v1/accounts/${w.account.id}`;

    // Visitor: contact, conversation, first message.
    const contact = await clientApi("POST", `${w.base}/contacts`, { body: { name: "Visitor Vera", email: "vera@example.test" } });
    expect(contact.status).toBe(200);
    const { source_id } = contact.body as { source_id: string };
    const created = await clientApi("POST", `${w.base}/contacts/${source_id}/conversations`, { body: {} });
    const displayId = (created.body as { id: number }).id;
    const conv = `${w.base}/contacts/${source_id}/conversations/${displayId}`;
    const sent = await clientApi("POST", `${conv}/messages`, { body: { content: "Hi, my parcel is late", echo_id: "vera-1" } });
    expect(sent).toMatchObject({ status: 200, body: { content: "Hi, my parcel is late", message_type: 0 } });

    // Agent: finds it in the list, replies, adds a private note.
    const listRes = await app(appConversations.GET, `${accountPath}/conversations?status=open`, { accountId: String(w.account.id) });
    expect(listRes.status).toBe(200);
    const list = (await listRes.json()) as { data: { payload: { id: number; messages: { content: string }[] }[] } };
    const mine = list.data.payload.find((c) => c.id === displayId);
    expect(mine?.messages[0]?.content).toBe("Hi, my parcel is late");
    const params = { accountId: String(w.account.id), conversationId: String(displayId) };
    const msgPath = `${accountPath}/conversations/${displayId}/messages`;
    const reply = await app(appMessages.POST, msgPath, params, { method: "POST", body: { content: "Sorry! It ships today." } });
    expect(reply.status).toBe(200);
    const replyId = ((await reply.json()) as { id: number }).id;
    const note = await app(appMessages.POST, msgPath, params, { method: "POST", body: { content: "VIP, refund shipping", private: true } });
    expect(note.status).toBe(200);
    const noteId = ((await note.json()) as { id: number }).id;

    // Visitor: sees the reply, never the note.
    const seen = (await clientApi("GET", `${conv}/messages`)).body as { id: number; content: string; message_type: number }[];
    expect(seen.map((m) => [m.content, m.message_type])).toEqual([
      ["Hi, my parcel is late", 0],
      ["Sorry! It ships today.", 1],
    ]);

    // Reading the conversation marks the reply read, as the agent sees it.
    expect((await clientApi("POST", `${conv}/update_last_seen`)).status).toBe(200);
    const agentView = (await (await app(appMessages.GET, msgPath, params)).json()) as { payload: { id: number; status: string }[] };
    expect(agentView.payload.find((m) => m.id === replyId)?.status).toBe("read");
    expect(agentView.payload.find((m) => m.id === noteId)?.status).not.toBe("read");

    // The outbox: the conversation, three messages (the note flagged private), the read receipt.
    const events = await eventsOf(t.db, w.account.id);
    expect(events.filter((e) => e.type === "conversation.created")).toHaveLength(1);
    const messageEvents = events.filter((e) => e.type === "message.created").map((e) => [(e.payload as { id: number }).id, e.private]);
    expect(messageEvents).toEqual([
      [(sent.body as { id: number }).id, false],
      [replyId, false],
      [noteId, true],
    ]);
    expect(events.some((e) => e.type === "message.updated" && (e.payload as { id: number }).id === replyId)).toBe(true);
  });
});
