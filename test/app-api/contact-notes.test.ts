import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as notesRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/notes/route";
import * as noteRoute from "@/app/api/v1/accounts/[accountId]/contacts/[contactId]/notes/[noteId]/route";
import { contactNotes } from "@/db/schema";
import { backends } from "@/test/support/db";
import { setUpApiWorld } from "@/test/support/api-world";
import { call } from "./support";

type Note = { id: number; content: string; account_id: number; contact_id: number; user?: { id: number; available_name: string }; created_at: number; updated_at: number };

describe.each(backends)("Application API contact notes on %s", (backend) => {
  const { t, w } = setUpApiWorld(backend);
  const p = (extra: Record<string, string> = {}) => ({ accountId: String(w.account.id), contactId: String(w.contact.id), ...extra });

  it("creates ({note: {content}}), lists newest first, shows, edits and deletes a note, with its author as Agent", async () => {
    const first = await call(notesRoute.POST, { method: "POST", params: p(), token: w.agent.accessToken, body: { note: { content: "Prefers e-mail" } } });
    expect(first.status).toBe(200);
    const a = first.body as Note;
    expect(a).toMatchObject({ content: "Prefers e-mail", account_id: w.account.id, contact_id: w.contact.id, user: { id: w.agent.id, available_name: "Alan Agent" } });
    expect(Object.keys(a)).toEqual(["id", "content", "account_id", "contact_id", "user", "created_at", "updated_at"]);
    const second = (await call(notesRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body: { content: "VIP since 2024" } })).body as Note;

    const list = await call(notesRoute.GET, { params: p(), token: w.agent.accessToken });
    expect((list.body as Note[]).map((n) => n.id)).toEqual([second.id, a.id]);

    const edited = await call(noteRoute.PATCH, { method: "PATCH", params: p({ noteId: String(a.id) }), token: w.agent.accessToken, body: { note: { content: "Prefers phone" } } });
    expect([edited.status, (edited.body as Note).content]).toEqual([200, "Prefers phone"]);
    expect(((await call(noteRoute.GET, { params: p({ noteId: String(a.id) }), token: w.agent.accessToken })).body as Note).content).toBe("Prefers phone");

    const gone = await call(noteRoute.DELETE, { method: "DELETE", params: p({ noteId: String(a.id) }), token: w.agent.accessToken });
    expect([gone.status, gone.text]).toEqual([200, ""]);
    expect((await t.db.select().from(contactNotes).where(eq(contactNotes.id, a.id))).length).toBe(0);
  });

  it("blank or missing content is a 422 naming content and writes nothing", async () => {
    const before = (await t.db.select().from(contactNotes)).length;
    for (const body of [{}, { note: { content: "  " } }, { content: 42 }, { content: "x".repeat(20_001) }]) {
      const res = await call(notesRoute.POST, { method: "POST", params: p(), token: w.agent.accessToken, body });
      expect([res.status, (res.body as { attributes: string[] }).attributes]).toEqual([422, ["content"]]);
    }
    expect((await t.db.select().from(contactNotes)).length).toBe(before);
  });

  it("a note of another contact, or another account's contact, is a 404", async () => {
    const note = (await call(notesRoute.POST, { method: "POST", params: p(), token: w.admin.accessToken, body: { content: "mine" } })).body as Note;
    const viaOther = await call(noteRoute.PATCH, {
      method: "PATCH",
      params: p({ contactId: String(w.otherContact.id), noteId: String(note.id) }),
      token: w.admin.accessToken,
      body: { content: "hijack" },
    });
    expect(viaOther.status).toBe(404);
    const stranger = await call(notesRoute.GET, { params: p(), token: w.strangerAdmin.accessToken });
    expect(stranger.status).toBe(404);
    const foreignContact = await call(notesRoute.GET, { params: p({ contactId: String(w.strangerContact.id) }), token: w.admin.accessToken });
    expect(foreignContact.status).toBe(404);
  });
});
