import { randomBytes } from "node:crypto";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { connectStream, type StreamMessage } from "@/lib/realtime/stream-client";
import { expect, test } from "./fixtures";
import type { OperatorAppPage } from "./pages/operator-app-page";
import { setUpSpecInbox } from "./support/spec-inbox";

/**
 * The operator's composer end to end (SPEC U1, U2, U4, M5): an administrator answers a visitor who
 * talks through the Client API, and the visitor sees exactly what the composer sent — never a note.
 */
type PublicMessage = { content: string | null; message_type: number; attachments?: { file_type: string; data_url: string }[] };
type AppMessage = { content: string | null; private: boolean; message_type: number };
type Visitor = { name: string; displayId: number; messages(): Promise<PublicMessage[]> };

const token = () => randomBytes(12).toString("base64url");
/**
 * Polled reads open a connection each: a kept-alive socket the server is closing as the next poll
 * reuses it fails with ECONNRESET (seen on the loaded 2-core machine), which would fail the poll.
 */
const FRESH_CONNECTION = { connection: "close" };
/** A real 1×1 PNG: the server sniffs image bytes and reads their size. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

test.describe("message composer (SPEC U1, U2, U4)", () => {
  // Each journey signs in through the form and opens a conversation first; on the shared 2-core machine
  // that alone has taken 15 s, so the default 30 s left too little room.
  test.describe.configure({ timeout: 60_000 });
  // An inbox of this spec's own (no greeting, no out-of-office): only what the composer sends is outgoing.
  // The seeded agents are members, so a colleague's stream hears this inbox's typing (E3).
  const spec = setUpSpecInbox({ name: "E2E composer", agentMembers: true });

  // Resolved afterwards, so the specs that read the seeded open conversations in the list find them
  // where they were, not pushed down below ours.
  const opened: number[] = [];
  test.afterEach(async ({ request }) => {
    for (const displayId of opened.splice(0)) {
      const res = await request.post(`/api/v1/accounts/${spec.accountId}/conversations/${displayId}/toggle_status`, { headers: { api_access_token: spec.apiToken }, data: { status: "resolved" } });
      expect(res.status()).toBe(200);
    }
  });

  /** A visitor who opened a conversation and wrote in it through the Client API (as a custom front-end would). */
  async function visitorWrites(request: APIRequestContext, text: string): Promise<Visitor> {
    const base = `/public/api/v1/inboxes/${spec.websiteToken}`;
    const name = `Composer Visitor ${token()}`;
    const contact = await request.post(`${base}/contacts`, { data: { name } });
    expect(contact.status()).toBe(200);
    const { source_id: sourceId } = (await contact.json()) as { source_id: string };
    const conversation = await request.post(`${base}/contacts/${sourceId}/conversations`, { data: {} });
    expect(conversation.status()).toBe(200);
    const { id: displayId } = (await conversation.json()) as { id: number };
    opened.push(displayId);
    const messagesUrl = `${base}/contacts/${sourceId}/conversations/${displayId}/messages`;
    expect((await request.post(messagesUrl, { data: { content: text } })).status()).toBe(200);
    return {
      name,
      displayId,
      messages: async () => {
        const res = await request.get(messagesUrl, { headers: FRESH_CONNECTION });
        expect(res.status()).toBe(200);
        return (await res.json()) as PublicMessage[];
      },
    };
  }

  /** What the visitor sees from the agents' side: the contents of outgoing messages. */
  const outgoing = async (visitor: Visitor) => (await visitor.messages()).filter((m) => m.message_type === 1).map((m) => m.content);

  /** Signs in, opens the visitor's conversation from the list and returns its composer. */
  async function openConversation(
    signIn: (c: { email: string; password: string }) => Promise<OperatorAppPage>,
    admin: { email: string; password: string },
    visitor: Visitor,
  ): Promise<{ app: OperatorAppPage; message: Locator }> {
    const app = await signIn(admin);
    await app.showView("All");
    await app.conversationWith(visitor.name).click();
    const message = app.conversation.getByRole("textbox", { name: "Message" });
    await expect(message).toBeVisible();
    return { app, message };
  }

  async function typeLines(page: Page, ...lines: string[]) {
    for (const [i, line] of lines.entries()) {
      if (i > 0) await page.keyboard.press("Shift+Enter");
      await page.keyboard.type(line);
    }
  }

  test("Shift+Enter breaks the line, Enter sends, and the visitor receives exactly that message", async ({ page, request, signIn, seededAdmin }) => {
    const visitor = await visitorWrites(request, "Where is my parcel?");
    const { app, message } = await openConversation(signIn, seededAdmin, visitor);
    const send = app.conversation.getByRole("button", { name: "Send" });

    await message.click();
    await expect(send).toBeDisabled(); // M1: nothing to send yet
    await typeLines(page, "It left the warehouse today.", "Tracking follows by email.");
    await expect(message).toHaveValue("It left the warehouse today.\nTracking follows by email.");
    await page.keyboard.press("Enter");

    await expect(message).toHaveValue("");
    await expect.poll(() => outgoing(visitor)).toEqual(["It left the warehouse today.\nTracking follows by email."]);
  });

  test("a slash and a canned response's short code insert its content", async ({ page, request, signIn, seededAdmin }) => {
    const shortCode = `eta${token()
      .replace(/[^a-z0-9]/gi, "")
      .slice(0, 8)
      .toLowerCase()}`;
    const content = "Orders ship within two working days.";
    const created = await request.post(`/api/v1/accounts/${spec.accountId}/canned_responses`, { headers: { api_access_token: spec.apiToken }, data: { short_code: shortCode, content } });
    expect(created.status()).toBe(200);
    const visitor = await visitorWrites(request, "When will it ship?");
    const { app, message } = await openConversation(signIn, seededAdmin, visitor);

    await message.click();
    await page.keyboard.type(`/${shortCode.slice(0, -2)}`);
    const suggestions = app.conversation.getByRole("listbox", { name: "Canned responses" });
    const option = suggestions.getByRole("option", { name: new RegExp(shortCode) });
    await expect(option).toBeVisible();
    await expect(option).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");

    await expect(suggestions).toBeHidden();
    await expect(message).toHaveValue(content);
    await page.keyboard.press("Enter");
    await expect.poll(() => outgoing(visitor)).toEqual([content]);
  });

  test("a private note (Alt+P) reaches the agents but never the visitor (M5); Alt+L replies again", async ({ page, request, signIn, seededAdmin }) => {
    const visitor = await visitorWrites(request, "Can I get a refund?");
    const { app, message } = await openConversation(signIn, seededAdmin, visitor);
    const note = "Internal: refund approved by finance.";

    await message.click();
    await page.keyboard.press("Alt+P");
    await expect(app.conversation.getByRole("tab", { name: "Private note" })).toHaveAttribute("aria-selected", "true");
    await expect(message).toHaveAttribute("placeholder", /only visible to agents/);
    await page.keyboard.type(note);
    await page.keyboard.press("Enter");
    await expect(message).toHaveValue("");

    await page.keyboard.press("Alt+L");
    await expect(app.conversation.getByRole("tab", { name: "Reply" })).toHaveAttribute("aria-selected", "true");
    await page.keyboard.type("Your refund is on its way.");
    await page.keyboard.press("Enter");

    // Both are stored (the agents' API lists them) before the visitor's view is read.
    const appMessages = async () => {
      const res = await request.get(`/api/v1/accounts/${spec.accountId}/conversations/${visitor.displayId}/messages`, { headers: { api_access_token: spec.apiToken, ...FRESH_CONNECTION } });
      return ((await res.json()) as { payload: AppMessage[] }).payload.filter((m) => m.message_type === 1).map((m) => [m.content, m.private]);
    };
    await expect.poll(appMessages).toEqual([
      [note, true],
      ["Your refund is on its way.", false],
    ]);
    expect(await outgoing(visitor)).toEqual(["Your refund is on its way."]);
    expect((await visitor.messages()).some((m) => m.content?.includes("refund approved"))).toBe(false);
  });

  test("files picked with Attach files go with the message (multipart) and the visitor downloads exactly those bytes", async ({ page, request, signIn, seededAdmin }) => {
    const visitor = await visitorWrites(request, "Can you send me the screenshot?");
    const { app, message } = await openConversation(signIn, seededAdmin, visitor);

    const chooser = page.waitForEvent("filechooser");
    await app.conversation.getByRole("button", { name: "Attach files" }).click();
    await (
      await chooser
    ).setFiles([
      { name: "dot.png", mimeType: "image/png", buffer: PNG },
      { name: "draft.txt", mimeType: "text/plain", buffer: Buffer.from("not this one") },
    ]);
    const tray = app.conversation.getByRole("list", { name: "Attachments" });
    await expect(tray.getByRole("listitem")).toHaveCount(2);
    await expect(tray.locator("img")).toHaveAttribute("src", /^blob:/); // the image's thumbnail
    await tray.getByRole("button", { name: "Remove draft.txt" }).click();
    await expect(tray.getByRole("listitem")).toHaveCount(1);

    await message.click();
    await page.keyboard.type("Here it is.");
    await page.keyboard.press("Enter");
    await expect(tray).toBeHidden();

    await expect.poll(async () => (await visitor.messages()).filter((m) => m.message_type === 1).map((m) => [m.content, m.attachments?.map((a) => a.file_type)])).toEqual([["Here it is.", ["image"]]]);
    const [sent] = (await visitor.messages()).filter((m) => m.message_type === 1);
    const file = await request.get(sent!.attachments![0]!.data_url);
    expect(file.status()).toBe(200);
    expect(Buffer.from(await file.body()).equals(PNG)).toBe(true);
  });

  test("typing a reply shows colleagues typing on, then off once sent; a private note sends no typing at all (E3, M5)", async ({ page, request, signIn, seededAdmin, seededAgent }) => {
    const visitor = await visitorWrites(request, "Hello?");
    // A colleague's stream: the typer's own stream never hears their typing (E3).
    const {
      rows: [colleague],
    } = await spec.db.query("select access_token from users where lower(email) = lower($1)", [seededAgent.email]);
    const got: StreamMessage[] = [];
    const stream = connectStream({ url: `${process.env.PARLEY_E2E_BASE_URL}/api/v1/stream`, headers: { api_access_token: colleague.access_token }, onMessage: (m) => got.push(m) });
    const typing = () =>
      got
        .filter((m) => m.event === "conversation.typing_on" || m.event === "conversation.typing_off")
        .map((m) => ({ event: m.event, data: JSON.parse(m.data) as { conversation: { id: number }; is_private: boolean } }))
        .filter((m) => m.data.conversation.id === visitor.displayId)
        .map((m) => `${m.event}${m.data.is_private ? " (private)" : ""}`);
    try {
      await expect.poll(() => stream.state).toBe("live");
      const { message } = await openConversation(signIn, seededAdmin, visitor);
      await message.click();

      await page.keyboard.press("Alt+P");
      await page.keyboard.type("Thinking out loud for the team.");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Alt+L");
      await page.keyboard.type("One moment, please.");
      await page.keyboard.press("Enter");

      // Nothing for the note; one on for the reply and its off (on send, or after 3 s idle), in order.
      await expect.poll(() => outgoing(visitor)).toEqual(["One moment, please."]);
      await expect.poll(typing).toEqual(["conversation.typing_on", "conversation.typing_off"]);
    } finally {
      stream.close();
    }
  });

  test("the emoji picker loads on first open and inserts at the caret; Escape closes it", async ({ page, request, signIn, seededAdmin }) => {
    const visitor = await visitorWrites(request, "Did it launch?");
    const { app, message } = await openConversation(signIn, seededAdmin, visitor);
    const emoji = app.conversation.getByRole("button", { name: "Emoji" });
    const picker = app.conversation.getByRole("dialog", { name: "Emoji picker" });

    await message.click();
    await page.keyboard.type("It launched!");
    await page.keyboard.press("ArrowLeft");
    await emoji.click();
    await expect(picker.locator("em-emoji-picker")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(picker).toBeHidden();
    await expect(message).toBeFocused();

    await emoji.click();
    await expect(picker.getByRole("searchbox")).toBeFocused();
    await page.keyboard.type("rocket");
    await picker.getByRole("button", { name: "🚀" }).first().click();
    await expect(picker).toBeHidden();
    await expect(message).toHaveValue("It launched🚀!");
    await expect(message).toBeFocused();
  });

  test("a send whose answer is lost keeps the text, and sending again re-uses its echo_id: the visitor gets it once (M6)", async ({ page, request, signIn, seededAdmin }) => {
    const visitor = await visitorWrites(request, "Is my order confirmed?");
    const { app, message } = await openConversation(signIn, seededAdmin, visitor);
    const messagesPath = `/api/v1/accounts/${spec.accountId}/conversations/${visitor.displayId}/messages`;
    // The first POST reaches the server and is stored, but the agent's browser sees a failure.
    let lost = false;
    await page.route(`**${messagesPath}`, async (route) => {
      if (route.request().method() !== "POST" || lost) return route.fallback();
      lost = true;
      await route.fetch();
      await route.fulfill({ status: 503, json: { error: "Service temporarily unavailable" } });
    });
    const failure = app.conversation.getByRole("alert").filter({ hasText: "Not sent" });

    await message.click();
    await page.keyboard.type("Yes, it is confirmed.");
    await page.keyboard.press("Enter");
    await expect(failure).toBeVisible();
    await expect(message).toHaveValue("Yes, it is confirmed.");
    await expect.poll(() => outgoing(visitor)).toEqual(["Yes, it is confirmed."]);

    const retried = page.waitForResponse((r) => new URL(r.url()).pathname === messagesPath && r.request().method() === "POST");
    await page.keyboard.press("Enter");
    expect((await retried).status()).toBe(200);
    await expect(failure).toBeHidden();
    await expect(message).toHaveValue("");
    expect(await outgoing(visitor)).toEqual(["Yes, it is confirmed."]);
  });
});
