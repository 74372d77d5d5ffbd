import { describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/v1/accounts/[accountId]/conversations/route";
import { createConversation } from "@/lib/conversations/create-conversation";
import { backends } from "@/test/support/db";
import { buildContact, buildContactInbox, buildInbox } from "@/test/support/engine-fixtures";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Page = { data: { meta: Record<string, number>; payload: { id: number }[] } };

// SPEC U1 (keyset-paged list): the operator app walks the list with ?cursor= and the X-Next-Cursor header.
describe.each(backends)("conversation list keyset paging on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);

  it("X-Next-Cursor continues the same sort until the last page, which has none; every conversation once", async () => {
    const inbox = await buildInbox(t.db, { accountId: w.account.id, name: "Paged" });
    const made: number[] = [];
    for (let i = 0; i < 30; i++) {
      const contact = await buildContact(t.db, { accountId: w.account.id, name: `Paged ${i}` });
      const ci = await buildContactInbox(t.db, { accountId: w.account.id, contactId: contact.id, inboxId: inbox.id });
      made.push((await createConversation(t.db, { accountId: w.account.id, inboxId: inbox.id, contactId: contact.id, contactInboxId: ci.id })).displayId);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `inbox_id=${inbox.id}&sort_by=created_at_asc${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await call(listRoute.GET, { params: { accountId: String(w.account.id) }, path: `/api/v1/accounts/${w.account.id}/conversations?${q}`, token: w.admin.accessToken });
      expect(res.status).toBe(200);
      const body = res.body as Page;
      expect(Object.keys(body.data)).toEqual(["meta", "payload"]);
      seen.push(...body.data.payload.map((c) => c.id));
      cursor = res.headers.get("x-next-cursor");
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(seen).toEqual(made);
  });

  it("a tampered cursor is a 422, not a 500", async () => {
    const res = await call(listRoute.GET, { params: { accountId: String(w.account.id) }, path: `/api/v1/accounts/${w.account.id}/conversations?cursor=nonsense`, token: w.admin.accessToken });
    expect(res.status).toBe(422);
  });
});
