import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as labelsRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/labels/route";
import * as mergeRoute from "@/app/api/v1/accounts/[accountId]/actions/contact_merge/route";
import { contacts, events, labels } from "@/db/schema";
import { buildContact } from "@/test/support/engine-fixtures";
import { backends } from "@/test/support/db";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

describe.each(backends)("K4 contact labels (Application API) on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  beforeAll(async () => {
    await t.db.insert(labels).values([
      { accountId: w.account.id, title: "vip", color: "#ff0000" },
      { accountId: w.account.id, title: "billing", color: "#00ff00" },
      { accountId: w.stranger.id, title: "secret", color: "#0000ff" },
    ]);
  });
  const p = (contactId = w.contact.id) => ({ accountId: String(w.account.id), contactId: String(contactId) });

  it("POST {labels} replaces the set and answers {payload: [titles]}; GET reads it; any member may", async () => {
    expect((await call(labelsRoute.GET, { params: p(), token: w.agent.accessToken })).body).toEqual({ payload: [] });
    const set = await call(labelsRoute.POST, { method: "POST", params: p(), token: w.agent.accessToken, body: { labels: ["VIP", "billing", "vip"] } });
    expect([set.status, set.body]).toEqual([200, { payload: ["vip", "billing"] }]);
    const replaced = await call(labelsRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body: { labels: ["billing"] } });
    expect(replaced.body).toEqual({ payload: ["billing"] });
    expect((await call(labelsRoute.GET, { params: p(), token: w.admin.accessToken })).body).toEqual({ payload: ["billing"] });
    const [row] = await t.db.select({ labels: contacts.labels }).from(contacts).where(eq(contacts.id, w.contact.id));
    expect(row!.labels).toEqual(["billing"]);
    const pushed = await t.db.select().from(events).where(eq(events.type, "contact.updated"));
    expect(pushed.some((e) => (e.payload as { id?: number }).id === w.contact.id)).toBe(true);
  });

  it("an unknown label (or another account's) is a 422 naming labels and writes nothing; bad bodies too", async () => {
    await call(labelsRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body: { labels: ["vip"] } });
    for (const body of [{ labels: ["secret"] }, { labels: ["vip", "nope"] }, { labels: "vip" }, {}, { labels: [""] }]) {
      const res = await call(labelsRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body });
      expect(res.status).toBe(422);
      expect((res.body as { attributes: string[] }).attributes.every((a) => a === "labels" || a.startsWith("labels."))).toBe(true);
    }
    expect((await call(labelsRoute.GET, { params: p(), token: w.admin.accessToken })).body).toEqual({ payload: ["vip"] });
  });

  it("another account's contact, or a caller from another account, is a 404", async () => {
    expect((await call(labelsRoute.GET, { params: p(w.strangerContact.id), token: w.admin.accessToken })).status).toBe(404);
    expect((await call(labelsRoute.POST, { method: "POST", params: p(w.strangerContact.id), token: w.admin.accessToken, body: { labels: [] } })).status).toBe(404);
    expect((await call(labelsRoute.GET, { params: p(), token: w.strangerAdmin.accessToken })).status).toBe(404);
  });

  it("a merge keeps the base's labels and adds the mergee's", async () => {
    const base = await buildContact(t.db, { accountId: w.account.id, name: "Base", email: "base-labels@example.test" });
    const mergee = await buildContact(t.db, { accountId: w.account.id, name: "Mergee", email: "mergee-labels@example.test" });
    await call(labelsRoute.POST, { method: "POST", params: p(base.id), token: w.admin.accessToken, body: { labels: ["vip"] } });
    await call(labelsRoute.POST, { method: "POST", params: p(mergee.id), token: w.admin.accessToken, body: { labels: ["billing", "vip"] } });
    const merged = await call(mergeRoute.POST, {
      method: "POST",
      params: { accountId: String(w.account.id) },
      token: w.admin.accessToken,
      body: { base_contact_id: base.id, mergee_contact_id: mergee.id },
    });
    expect(merged.status).toBe(200);
    expect((await call(labelsRoute.GET, { params: p(base.id), token: w.admin.accessToken })).body).toEqual({ payload: ["vip", "billing"] });
  });
});
