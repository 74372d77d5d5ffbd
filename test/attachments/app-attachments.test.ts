import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as downloadRoute from "@/app/api/v1/accounts/[accountId]/attachments/[attachmentId]/route";
import * as messageRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/[messageId]/route";
import * as messagesRoute from "@/app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route";
import { createConversation } from "@/lib/conversations/create-conversation";
import { buildApiWorld, closeApiDatabase, openApiDatabase, type ApiWorld } from "@/test/app-api/support";
import { backends, type TestDatabase } from "@/test/support/db";
import { eventsOf } from "@/test/support/engine-fixtures";
import { apiRequest, sessionCookie, TEST_ORIGIN } from "@/test/support/http";
import { form, PDF, PNG_1X1, rowCounts, send, uploadRequest, type Part } from "./support";

type Push = Record<string, unknown>;

// Issue #6/#8, SPEC §4 attachments, M1 (≤ 15 files, content may be empty with files), §12 safe downloads.
describe.each(backends)("Application API attachments on %s", (backend) => {
  let t: TestDatabase;
  let w: ApiWorld;
  beforeAll(async () => {
    t = await openApiDatabase(backend);
    w = await buildApiWorld(t.db);
  });
  afterAll(async () => closeApiDatabase(t));

  const newConversation = () => createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
  const messagesPath = (displayId: number) => `/api/v1/accounts/${w.account.id}/conversations/${displayId}/messages`;
  const post = (displayId: number, body: FormData | string, headers: Record<string, string> = {}, token = w.agent.accessToken) =>
    send(messagesRoute.POST, uploadRequest(messagesPath(displayId), body, { api_access_token: token, ...headers }), { accountId: String(w.account.id), conversationId: String(displayId) });
  const download = async (accountId: number, id: number, auth: { token?: string; sessionUserId?: number }) =>
    send(downloadRoute.GET, await apiRequest(`/api/v1/accounts/${accountId}/attachments/${id}`, auth), { accountId: String(accountId), attachmentId: String(id) });

  it("multipart attachments[]: stored with the message in one go; the answer, the list and the message.created event carry Chatwoot's attachment push", async () => {
    const c = await newConversation();
    const res = await post(
      c.displayId,
      form({ content: "See attached", echo_id: "up-1", private: "false" }, [
        { name: "shot.png", type: "image/png", bytes: PNG_1X1 },
        { name: "invoice.pdf", type: "application/pdf", bytes: PDF },
      ]),
    );
    expect(res.status).toBe(200);
    const message = res.body!;
    expect(message).toMatchObject({ content: "See attached", echo_id: "up-1", private: false, message_type: 1 });
    const [image, pdf] = message.attachments as Push[];
    expect(image).toEqual({
      id: expect.any(Number),
      message_id: message.id,
      file_type: "image",
      account_id: w.account.id,
      extension: "png",
      data_url: `/api/v1/accounts/${w.account.id}/attachments/${image!.id}`,
      thumb_url: `/api/v1/accounts/${w.account.id}/attachments/${image!.id}`,
      file_size: PNG_1X1.length,
      width: 1,
      height: 1,
    });
    expect(pdf).toMatchObject({ file_type: "file", extension: "pdf", thumb_url: "", file_size: PDF.length, width: null, height: null });

    const list = await send(messagesRoute.GET, await apiRequest(messagesPath(c.displayId), { token: w.agent.accessToken }), { accountId: String(w.account.id), conversationId: String(c.displayId) });
    const listed = (list.body!.payload as Push[]).find((m) => m.id === message.id)!;
    expect(listed.attachments).toEqual([image, pdf]);

    const created = (await eventsOf(t.db, w.account.id)).filter((e) => e.type === "message.created" && (e.payload as Push).id === message.id);
    expect(created).toHaveLength(1);
    expect((created[0]!.payload as Push).attachments).toEqual([image, pdf]);
  });

  it("a message may be only files (no content); a repeated echo_id stores no second file (M6)", async () => {
    const c = await newConversation();
    const body = () => form({ echo_id: "files-only" }, [{ name: "notes.txt", type: "text/plain", bytes: "hello" }]);
    const first = await post(c.displayId, body());
    expect(first.status, first.text).toBe(200);
    expect(first.body!.content).toBeNull();
    const before = await rowCounts(t.db);
    const again = await post(c.displayId, body());
    expect(again.status).toBe(200);
    expect(again.body!.id).toBe(first.body!.id);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("download: the stored bytes with safe headers — raster images inline, everything else as an attachment (SPEC §12)", async () => {
    const c = await newConversation();
    const res = await post(
      c.displayId,
      form({}, [
        { name: "shot.png", type: "image/png", bytes: PNG_1X1 },
        { name: "rapport d’été.pdf", type: "application/pdf", bytes: PDF },
      ]),
    );
    const [image, pdf] = res.body!.attachments as Push[];

    const img = await download(w.account.id, image!.id as number, { token: w.agent.accessToken });
    expect(img.status).toBe(200);
    expect(Buffer.from(img.bytes).equals(PNG_1X1)).toBe(true);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(img.headers.get("content-disposition")).toBe(`inline; filename="shot.png"; filename*=UTF-8''shot.png`);
    expect(img.headers.get("x-content-type-options")).toBe("nosniff");
    expect(img.headers.get("content-security-policy")).toMatch(/^sandbox/);
    expect(img.headers.get("cache-control")).toMatch(/^private/);

    // The session cookie works as well as the token (the operator app's <img> and download links).
    const doc = await download(w.account.id, pdf!.id as number, { sessionUserId: w.admin.id });
    expect(doc.status).toBe(200);
    expect(Buffer.from(doc.bytes).equals(PDF)).toBe(true);
    expect(doc.headers.get("content-type")).toBe("application/pdf");
    expect(doc.headers.get("content-disposition")).toBe(`attachment; filename="rapport d__t_.pdf"; filename*=UTF-8''rapport%20d%E2%80%99%C3%A9t%C3%A9.pdf`);
  });

  it("download authorisation: an agent of another inbox, another account's administrator and no credentials get nothing", async () => {
    const c = await newConversation();
    const res = await post(c.displayId, form({ content: "private" }, [{ name: "a.txt", type: "text/plain", bytes: "secret" }]));
    const id = (res.body!.attachments as Push[])[0]!.id as number;
    expect((await download(w.account.id, id, { token: w.colleague.accessToken })).status).toBe(200);
    expect((await download(w.account.id, id, { token: w.outsider.accessToken })).status).toBe(404);
    expect((await download(w.account.id, id, { token: w.strangerAdmin.accessToken })).status).toBe(404);
    expect((await download(w.stranger.id, id, { token: w.strangerAdmin.accessToken })).status).toBe(404);
    expect((await download(w.account.id, id, {})).status).toBe(401);
    expect((await download(w.account.id, 2_000_000_000, { token: w.admin.accessToken })).status).toBe(404);
  });

  it("the operator composer's way: session cookie + same Origin uploads; a cross-origin cookie upload is 403 and writes nothing (SPEC §12)", async () => {
    const c = await newConversation();
    const cookie = await sessionCookie(w.agent.id);
    const upload = (origin: string) =>
      send(
        messagesRoute.POST,
        uploadRequest(messagesPath(c.displayId), form({ content: "from the composer", private: "true" }, [{ name: "n.txt", type: "text/plain", bytes: "n" }]), { cookie, origin }),
        {
          accountId: String(w.account.id),
          conversationId: String(c.displayId),
        },
      );
    const ok = await upload(TEST_ORIGIN);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ private: true, content: "from the composer" });
    const before = await rowCounts(t.db);
    expect((await upload("https://evil.example")).status).toBe(403);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("M2 applies to uploads: past the flood limit a message with files is 429 and no file is stored", async () => {
    const c = await newConversation();
    for (let i = 0; i < 20; i++) expect((await post(c.displayId, form({ content: `m${i}` }))).status).toBe(200);
    const before = await rowCounts(t.db);
    const res = await post(c.displayId, form({ content: "one more" }, [{ name: "a.txt", type: "text/plain", bytes: "x" }]));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).not.toBeNull();
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("M7: deleting the message removes its attachments and their files; the download is then 404", async () => {
    const c = await newConversation();
    const res = await post(
      c.displayId,
      form({ content: "oops" }, [
        { name: "a.txt", type: "text/plain", bytes: "x" },
        { name: "b.txt", type: "text/plain", bytes: "y" },
      ]),
    );
    const id = (res.body!.attachments as Push[])[0]!.id as number;
    const before = await rowCounts(t.db);
    const deleted = await send(messageRoute.DELETE, await apiRequest(`/x`, { method: "DELETE", token: w.agent.accessToken }), {
      accountId: String(w.account.id),
      conversationId: String(c.displayId),
      messageId: String(res.body!.id),
    });
    expect(deleted.status).toBe(200);
    expect(await rowCounts(t.db)).toMatchObject({ attachments: before.attachments! - 2, blobs: before.blobs! - 2 });
    expect((await download(w.account.id, id, { token: w.agent.accessToken })).status).toBe(404);
  });

  describe("a refused upload is a clear 4xx and writes nothing (no message, attachment, file or event)", () => {
    const text = (name: string): Part => ({ name, type: "text/plain", bytes: "x" });
    const cases: [string, () => { body: FormData | string; headers?: Record<string, string> }, number, RegExp][] = [
      [
        "a file over ATTACHMENT_MAX_BYTES",
        () => ({ body: form({ content: "big" }, [{ name: "big.txt", type: "text/plain", bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 97) }]) }),
        413,
        /big\.txt is too large \(limit 10 MB per file\)/,
      ],
      [
        "a request over ATTACHMENT_MAX_REQUEST_BYTES by Content-Length, before reading",
        () => ({ body: form({ content: "x" }, [text("a.txt")]), headers: { "content-length": String(41 * 1024 * 1024) } }),
        413,
        /limit 40 MB per request/,
      ],
      [
        "16 files (M1: at most 15)",
        () => ({
          body: form(
            { content: "many" },
            Array.from({ length: 16 }, (_, i) => text(`f${i}.txt`)),
          ),
        }),
        422,
        /Attachments are too many \(maximum is 15/,
      ],
      [
        "a PNG that is not one (lying type)",
        () => ({ body: form({}, [{ name: "shot.png", type: "image/png", bytes: "<script>alert(1)</script>" }]) }),
        415,
        /shot\.png is not a valid image\/png file/,
      ],
      ["a type that is not accepted (HTML)", () => ({ body: form({}, [{ name: "page.html", type: "text/html", bytes: "<h1>hi</h1>" }]) }), 415, /files of type text\/html are not accepted/],
      ["a file name over 255 characters", () => ({ body: form({}, [text(`${"n".repeat(300)}.txt`)]) }), 422, /file name .* is not allowed/],
      ["a file name of control characters", () => ({ body: form({}, [text("a\u0001b.txt")]) }), 422, /file name .* is not allowed/],
      ["an empty file", () => ({ body: form({}, [{ name: "empty.txt", type: "text/plain", bytes: "" }]) }), 422, /empty\.txt is empty/],
      ["a file in another field", () => ({ body: form({}, [{ field: "content", name: "a.txt", type: "text/plain", bytes: "x" }]) }), 422, /Content must not be a file/],
      ["no content and no files", () => ({ body: form({ content: " " }) }), 422, /Content can't be blank/],
      ["malformed multipart", () => ({ body: "this is not multipart", headers: { "content-type": "multipart/form-data; boundary=xyz" } }), 400, /Malformed multipart/],
    ];
    it.each(cases)("%s", async (_name, make, status, message) => {
      const c = await newConversation();
      const before = await rowCounts(t.db);
      const { body, headers } = make();
      const res = await post(c.displayId, body, headers);
      expect(res.status).toBe(status);
      expect(String(res.body!.message ?? res.body!.error)).toMatch(message);
      expect(await rowCounts(t.db)).toEqual(before);
    });
  });
});
