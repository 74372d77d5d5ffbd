import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { appApi, createInbox, loadOperatorWorld, unique, Visitor, type OperatorWorld, type TestInbox } from "./support/operator-world";

/**
 * What an agent ran into on day one (issue 20, operator app): badges that stayed after reading, a
 * preview showing the automatic email-collect message, `/` + no match sending "/sh", a missing favicon.
 */
test.describe("operator app polish (U6–U10)", () => {
  test.describe.configure({ timeout: 60_000 });
  let w: OperatorWorld;
  test.beforeAll(async () => {
    w = await loadOperatorWorld();
  });

  const titleCount = (title: string) => Number(/^\((\d+)\+?\) /.exec(title)?.[1] ?? 0);

  test("U6: reading a conversation clears its inbox's sidebar badge and lowers the tab title's count at once", async ({ request, page, seededAdmin, signIn }) => {
    const inbox = await createInbox(request, w);
    const visitor = await Visitor.arrive(request, inbox);
    await visitor.startConversation("is anyone there?");
    const app = await signIn(seededAdmin);
    await app.goto(w.accountId, `?inbox_id=${inbox.id}`);
    await expect(app.inboxLink(inbox.name).getByLabel("1 unread")).toBeVisible();
    await expect(page).toHaveTitle(/^\(\d+\+?\) /);
    const before = titleCount(await page.title());

    const seen = page.waitForResponse((r) => r.url().includes("/update_last_seen"));
    // The counts re-read afterwards (a server action: a POST to the page).
    const recounted = seen.then(() => page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.endsWith("/conversations")));
    await app.card(visitor.name).click();
    await expect(app.card(visitor.name).getByLabel(/unread/)).toHaveCount(0);
    // No reload: the sidebar and the title follow the card.
    await expect(app.inboxLink(inbox.name).getByLabel(/unread/)).toHaveCount(0);
    await expect.poll(async () => titleCount(await page.title())).toBeLessThan(before);
    // …and stay down once the server's counts come back.
    await recounted;
    await expect(app.inboxLink(inbox.name).getByLabel(/unread/)).toHaveCount(0);
  });

  test("U10: the list previews the visitor's question, not the greeting or the email-collect message after it", async ({ request, page, seededAdmin, signIn }) => {
    const created = await appApi<{ id: number; website_token: string }>(request, w, "POST", "/inboxes", {
      name: unique("E2E greeted"),
      enable_auto_assignment: false,
      enable_email_collect: true,
      greeting_enabled: true,
      greeting_message: "Hi! We usually answer within minutes.",
      channel: { type: "web_widget", website_url: "https://shop.example" },
    });
    const inbox: TestInbox = { id: created.id, name: "", websiteToken: created.website_token };
    await appApi(request, w, "POST", "/inbox_members", { inbox_id: inbox.id, user_ids: [w.adminId] });
    const app = await signIn(seededAdmin);
    await app.goto(w.accountId, `?inbox_id=${inbox.id}`);

    // Live: the conversation arrives while the list is open…
    const visitor = await Visitor.arrive(request, inbox);
    const id = await visitor.startConversation("Do you ship to Oslo?");
    const messages = (await appApi<{ payload: { content: string; message_type: number }[] }>(request, w, "GET", `/conversations/${id}/messages`)).payload;
    expect(messages.map((m) => m.message_type)).toContain(3); // the automatic messages were sent
    await expect(app.card(visitor.name)).toContainText("Do you ship to Oslo?");
    await expect(app.card(visitor.name)).not.toContainText(/Get notified|We usually answer/);
    // …and after a reload, from the API.
    await page.reload();
    await expect(app.card(visitor.name)).toContainText("Do you ship to Oslo?");
    await expect(app.card(visitor.name)).not.toContainText(/Get notified|We usually answer/);
  });

  test("U7: `/` plus text matching no canned response, then Enter, sends nothing and says so", async ({ request, page, seededAdmin, signIn }) => {
    const inbox = await createInbox(request, w);
    const visitor = await Visitor.arrive(request, inbox);
    const id = await visitor.startConversation("hello there");
    await signIn(seededAdmin);
    const conversation = new ConversationPage(page);
    await conversation.open(w.accountId, id);
    await expect(conversation.message("hello there")).toBeVisible();
    await conversation.composer.click();
    await conversation.composer.pressSequentially("/zqxj");
    await expect(conversation.pane.getByRole("status").filter({ hasText: "No canned response matches" })).toBeVisible();
    await conversation.composer.press("Enter");
    await expect(conversation.composer).toHaveValue("/zqxj");
    const outgoing = (await appApi<{ payload: { content: string; message_type: number }[] }>(request, w, "GET", `/conversations/${id}/messages`)).payload.filter((m) => m.message_type === 1);
    expect(outgoing).toEqual([]);
    // Escape closes the menu; then Enter is a send again.
    await conversation.composer.press("Escape");
    await expect(conversation.pane.getByText("No canned response matches")).toHaveCount(0);
  });

  test("U8: every page links a favicon, a touch icon and a manifest that exist; no 404 in the console", async ({ page, request }) => {
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("response", (r) => r.status() === 404 && errors.push(`404 ${r.url()}`));
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    const links = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).getAttribute("href")!));
    expect(links).toEqual(expect.arrayContaining(["/favicon.ico", "/apple-touch-icon.png", "/manifest.webmanifest"]));
    for (const href of [...links, "/favicon.ico"]) expect((await request.get(href)).status(), href).toBe(200);
    expect(errors).toEqual([]);
  });
});
