import { eq } from "drizzle-orm";
import { peerHeaders } from "@/lib/http/client-ip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as appDownload from "@/app/api/v1/accounts/[accountId]/attachments/[attachmentId]/route";
import * as appMessages from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route";
import * as clientDownload from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/attachments/[attachmentId]/route";
import * as clientMessages from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/messages/route";
import * as widgetDownload from "@/app/api/v1/widget/attachments/[attachmentId]/route";
import * as widgetMessages from "@/app/api/v1/widget/messages/route";
import { conversations, webWidgets } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { closeApiDatabase, openApiDatabase } from "@/test/app-api/support";
import { buildClientWorld } from "@/test/support/client-world";
import { backends, type TestDatabase } from "@/test/support/db";
import { buildContact, buildContactInbox, eventsOf } from "@/test/support/engine-fixtures";
import { apiRequest } from "@/test/support/http";
import { widgetApi } from "@/test/support/widget-api";
import { form, PNG_1X1, rowCounts, send, uploadRequest } from "./support";

type Push = Record<string, unknown>;
const IP = peerHeaders("203.0.113.9");

// Issue #6/#8, SPEC W2 (composer attachments when enabled), M1, §12, §8 (a contact reaches only its own conversations).
describe.each(backends)("contact attachments: Widget API and Client API on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openApiDatabase(backend);
  });
  afterAll(async () => closeApiDatabase(t));

  async function world() {
    const w = await buildClientWorld(t.db);
    const q = `?website_token=${w.widget.websiteToken}`;
    const visitor = async () => {
      const res = await widgetApi("POST", `/api/v1/widget/config${q}`);
      return (res.body as { website_channel_config: { auth_token: string } }).website_channel_config.auth_token;
    };
    const widgetPost = (token: string, body: FormData | string, headers: Record<string, string> = {}) =>
      send(widgetMessages.POST, uploadRequest(`/api/v1/widget/messages${q}`, body, { "x-auth-token": token, ...IP, ...headers }), {});
    const widgetGet = async (path: string, token?: string) => {
      const headers: Record<string, string> = { ...IP, ...(token && { "x-auth-token": token }) };
      const id = /attachments\/(\d+)/.exec(path)?.[1];
      const handler = id ? widgetDownload.GET : widgetMessages.GET;
      return send(handler, await apiRequest(path, { headers }), id ? { attachmentId: id } : {});
    };
    const setAttachments = (on: boolean) => t.db.update(webWidgets).set({ featureAttachments: on }).where(eq(webWidgets.inboxId, w.inbox.id));
    return { ...w, q, visitor, widgetPost, widgetGet, setAttachments };
  }

  describe("Widget API", () => {
    it("a visitor's first message may be just an image: the conversation opens, the answer and the list point at the widget download, which needs the visitor's token", async () => {
      const w = await world();
      const token = await visitor(w);
      const res = await w.widgetPost(token, form({ "message[echo_id]": "w-1" }, [{ name: "photo.png", type: "image/png", bytes: PNG_1X1 }], "message[attachments][]"));
      expect(res.status, res.text).toBe(200);
      const [image] = res.body!.attachments as Push[];
      const url = `/api/v1/widget/attachments/${image!.id}?website_token=${w.widget.websiteToken}`;
      expect(image).toMatchObject({ file_type: "image", extension: "png", data_url: url, thumb_url: url, width: 1, height: 1, file_size: PNG_1X1.length });
      expect(res.body!.content).toBeNull();

      const listed = (await w.widgetGet(`/api/v1/widget/messages${w.q}`, token)).body!.payload as Push[];
      expect(listed.at(-1)!.attachments).toEqual([image]);

      const file = await w.widgetGet(url, token);
      expect(file.status).toBe(200);
      expect(Buffer.from(file.bytes).equals(PNG_1X1)).toBe(true);
      expect(file.headers.get("content-type")).toBe("image/png");
      expect(file.headers.get("x-content-type-options")).toBe("nosniff");
      expect(file.headers.get("content-disposition")).toMatch(/^inline; /);

      // No token, or another visitor's: nothing.
      expect((await w.widgetGet(url)).status).toBe(404);
      expect((await w.widgetGet(url, await visitor(w))).status).toBe(404);
      // The pre-chat form's POST /conversations reuses this conversation and lists the file with the widget's URL too.
      const started = await widgetApi("POST", `/api/v1/widget/conversations${w.q}`, { token, body: { message: { content: "again" } }, headers: IP });
      expect(started.status).toBe(200);
      expect(((started.body as { messages: Push[] }).messages[0]!.attachments as Push[])[0]!.data_url).toBe(url);
      // The event every audience shares carries the Application API URL; the widget builds its own from the id.
      const created = (await eventsOf(t.db, w.account.id)).find((e) => e.type === "message.created" && (e.payload as Push).id === res.body!.id)!;
      expect(((created.payload as Push).attachments as Push[])[0]!.data_url).toBe(`/api/v1/accounts/${w.account.id}/attachments/${image!.id}`);
    });

    it("an agent's file reaches the visitor; a private note's file does not (M5)", async () => {
      const w = await world();
      const token = await visitor(w);
      await w.widgetPost(token, form({ "message[content]": "hello" }));
      const [c] = await t.db.select().from(conversations).where(eq(conversations.inboxId, w.inbox.id));
      const agentPost = (fields: Record<string, string>) =>
        send(appMessages.POST, uploadRequest(`/x`, form(fields, [{ name: "a.txt", type: "text/plain", bytes: "for you" }]), { api_access_token: w.agent.accessToken }), {
          accountId: String(w.account.id),
          conversationId: String(c!.displayId),
        });
      const reply = (await agentPost({ content: "here" })).body!;
      const note = (await agentPost({ content: "internal", private: "true" })).body!;
      expect(note.private).toBe(true);
      const replyId = (reply.attachments as Push[])[0]!.id;
      const noteId = (note.attachments as Push[])[0]!.id;
      const got = await w.widgetGet(`/api/v1/widget/attachments/${replyId}${w.q}`, token);
      expect(got.status).toBe(200);
      expect(got.text).toBe("for you");
      expect(got.headers.get("content-disposition")).toBe(`attachment; filename="a.txt"; filename*=UTF-8''a.txt`);
      expect((await w.widgetGet(`/api/v1/widget/attachments/${noteId}${w.q}`, token)).status).toBe(404);
      // …while the agent downloads both.
      const agentGet = async (id: unknown) =>
        (await send(appDownload.GET, await apiRequest(`/x`, { token: w.agent.accessToken }), { accountId: String(w.account.id), attachmentId: String(id) })).status;
      expect([await agentGet(replyId), await agentGet(noteId)]).toEqual([200, 200]);
    });

    const refusals: [string, (w: Awaited<ReturnType<typeof world>>) => Promise<unknown>, () => { body: FormData | string; headers?: Record<string, string> }, number, RegExp][] = [
      [
        "attachments switched off for the inbox",
        (w) => w.setAttachments(false),
        () => ({ body: form({ "message[content]": "hi" }, [{ name: "a.png", type: "image/png", bytes: PNG_1X1 }], "message[attachments][]") }),
        422,
        /Attachments are not enabled for this inbox/,
      ],
      [
        "a lying type",
        async () => undefined,
        () => ({ body: form({ "message[content]": "hi" }, [{ name: "a.png", type: "image/png", bytes: "GIF89a" }], "message[attachments][]") }),
        415,
        /not a valid image\/png/,
      ],
      [
        "16 files",
        async () => undefined,
        () => ({
          body: form(
            {},
            Array.from({ length: 16 }, (_, i) => ({ name: `${i}.txt`, type: "text/plain", bytes: "x" })),
            "message[attachments][]",
          ),
        }),
        422,
        /too many/,
      ],
      ["malformed multipart", async () => undefined, () => ({ body: "--nope", headers: { "content-type": "multipart/form-data; boundary=xyz" } }), 400, /Malformed multipart/],
    ];
    it.each(refusals)("refused, and no conversation, message, attachment, file or event is written: %s", async (_name, arrange, make, status, message) => {
      const w = await world();
      const token = await visitor(w);
      await arrange(w);
      const before = await rowCounts(t.db);
      const { body, headers } = make();
      const res = await w.widgetPost(token, body, headers);
      expect(res.status).toBe(status);
      expect(String(res.body!.message ?? res.body!.error)).toMatch(message);
      expect(await rowCounts(t.db)).toEqual(before);
    });
  });

  describe("Client API", () => {
    async function clientWorld() {
      const w = await world();
      const c = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
      const params = { inboxIdentifier: w.widget.websiteToken, contactIdentifier: w.contactInbox.sourceId, conversationId: String(c.displayId) };
      const post = (body: FormData | string, headers: Record<string, string> = {}) =>
        send(clientMessages.POST, uploadRequest(`${w.contactBase}/conversations/${c.displayId}/messages`, body, headers), params);
      const download = async (sourceId: string, id: unknown, inboxIdentifier = w.widget.websiteToken) =>
        send(clientDownload.GET, await apiRequest(`/x`), { inboxIdentifier, contactIdentifier: sourceId, attachmentId: String(id) });
      return { ...w, c, post, download };
    }

    it("attachments[] upload; data_url is the contact's Client API download (source_id is the capability); other contacts and inboxes get 404", async () => {
      const w = await clientWorld();
      const res = await w.post(form({ content: "scan", echo_id: "c-1" }, [{ name: "scan.png", type: "image/png", bytes: PNG_1X1 }]));
      expect(res.status, res.text).toBe(200);
      const [a] = res.body!.attachments as Push[];
      expect(a!.data_url).toBe(`/public/api/v1/inboxes/${w.widget.websiteToken}/contacts/${w.contactInbox.sourceId}/attachments/${a!.id}`);
      const got = await w.download(w.contactInbox.sourceId, a!.id);
      expect(got.status).toBe(200);
      expect(got.headers.get("access-control-allow-origin")).toBe("*");
      expect(Buffer.from(got.bytes).equals(PNG_1X1)).toBe(true);

      const other = await buildContact(t.db, { accountId: w.account.id, name: "Other" });
      const otherCi = await buildContactInbox(t.db, { accountId: w.account.id, contactId: other.id, inboxId: w.inbox.id });
      expect((await w.download(otherCi.sourceId, a!.id)).status).toBe(404);
      const elsewhere = await buildClientWorld(t.db);
      expect((await w.download(w.contactInbox.sourceId, a!.id, elsewhere.widget.websiteToken)).status).toBe(404);
    });

    it("attachments switched off: 422 and nothing written; a JSON message still works", async () => {
      const w = await clientWorld();
      await w.setAttachments(false);
      const before = await rowCounts(t.db);
      const res = await w.post(form({ content: "x" }, [{ name: "a.txt", type: "text/plain", bytes: "x" }]));
      expect(res.status).toBe(422);
      expect(res.body!.attributes).toEqual(["attachments"]);
      expect(await rowCounts(t.db)).toEqual(before);
      expect((await w.post(JSON.stringify({ content: "plain" }), { "content-type": "application/json" })).status).toBe(200);
    });

    it("a type that is not accepted: 415 and nothing written", async () => {
      const w = await clientWorld();
      const before = await rowCounts(t.db);
      const res = await w.post(form({ content: "x" }, [{ name: "x.svg", type: "image/svg+xml", bytes: "<svg/>" }]));
      expect(res.status).toBe(415);
      expect(await rowCounts(t.db)).toEqual(before);
    });
  });
});

function visitor(w: { visitor: () => Promise<string> }) {
  return w.visitor();
}
