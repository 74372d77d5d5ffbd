import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clientMessages from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/messages/route";
import { createConversation } from "@/lib/conversations/create-conversation";
import { form, PNG_1X1 } from "@/test/attachments/support";
import { closeApiDatabase, openApiDatabase } from "@/test/app-api/support";
import { buildClientWorld } from "@/test/support/client-world";
import type { TestDatabase } from "@/test/support/db";
import { startDirectServer } from "@/test/support/direct-server";
import { clearDirectRoutes, registerDirectPattern } from "@/lib/http/direct-routes";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";

/**
 * The message path's hot routes served straight from node:http (issue 19), as scripts/serve.ts runs
 * them: a pattern's params reach the route as Next would pass them, JSON and multipart bodies are read
 * from the socket, the headers next.config.ts sets are there, and whatever the pattern does not cover
 * (another method, another shape of path, a malformed escape) goes to Next.
 */
describe("pattern routes served without Next (issue 19)", () => {
  let t: TestDatabase;
  let direct: Awaited<ReturnType<typeof startDirectServer>>;
  let base: string;
  let fallbackHits: string[];

  beforeAll(async () => {
    t = await openApiDatabase("postgres");
    registerDirectPattern("/public/api/v1/inboxes/:inboxIdentifier/contacts/:contactIdentifier/conversations/:conversationId/messages", {
      GET: clientMessages.GET,
      POST: clientMessages.POST,
    });
    direct = await startDirectServer();
    ({ base, fallbackHits } = direct);
  });
  afterAll(async () => {
    clearDirectRoutes();
    await direct.close();
    await closeApiDatabase(t);
  });

  async function conversationUrl() {
    const w = await buildClientWorld(t.db);
    const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    return `${base}${w.contactBase}/conversations/${c.displayId}/messages`;
  }

  it("a JSON message is stored and listed, with the route's params and the security headers", async () => {
    const url = await conversationUrl();
    const posted = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ content: "straight from node:http", echo_id: "d-1" }) });
    expect(posted.status, await posted.clone().text()).toBe(200);
    expect(((await posted.json()) as { content: string }).content).toBe("straight from node:http");
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(posted.headers.get(name)).toBe(value);

    const listed = await fetch(url);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { content: string }[]).map((m) => m.content)).toContain("straight from node:http");
    expect(fallbackHits).toEqual([]);
  });

  it("a multipart message with an attachment is read from the socket", async () => {
    const url = await conversationUrl();
    const res = await fetch(url, { method: "POST", body: form({ content: "scan", echo_id: "d-2" }, [{ name: "scan.png", type: "image/png", bytes: PNG_1X1 }]) });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { attachments: unknown[] }).attachments).toHaveLength(1);
  });

  it("bad input is the route's own 4xx, not a failure of the path", async () => {
    const url = await conversationUrl();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it("another method, path shape or a malformed escape goes to Next", async () => {
    const url = await conversationUrl();
    fallbackHits.length = 0;
    expect((await fetch(url, { method: "OPTIONS" })).status).toBe(418);
    expect((await fetch(`${url}/extra`)).status).toBe(418);
    expect((await fetch(url.replace("/messages", "/messagez"))).status).toBe(418);
    expect((await fetch(url.replace("/contacts/", "/contacts/%E0%A4%A/x/").replace(/\/x\/[^/]+/, ""))).status).toBe(418);
    expect(fallbackHits).toHaveLength(4);
  });
});
