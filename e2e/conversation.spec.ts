import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { demoAgents } from "@/scripts/seed/demo-data";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { setUpSpecInbox } from "./support/spec-inbox";

/**
 * The conversation pane end to end (SPEC U1, U2, U4, E3, E7, M5): a visitor talks through the Client
 * API; agents act from the header and by keyboard, and every change is checked where it persists
 * (the Application API) — not only on screen.
 */
type AppConversation = { status: string; priority: string | null; snoozed_until: string | null; meta: { assignee?: { id: number } } };
type Visitor = {
  name: string;
  displayId: number;
  say(text: string): Promise<void>;
  typing(on: boolean): Promise<void>;
  update(fields: Record<string, unknown>): Promise<void>;
  messages(): Promise<{ content: string | null }[]>;
};

const token = () => randomBytes(12).toString("base64url");
// An 8×8 red PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC", "base64");

test.describe("conversation pane (SPEC U1, U2, U4)", () => {
  // An inbox of this spec's own with the seeded agents as members; no automatic messages.
  const spec = setUpSpecInbox({ name: "E2E pane", autoAssignment: false, agentMembers: true });
  let samId: number;

  test.beforeAll(async () => {
    const {
      rows: [sam],
    } = await spec.db.query("select id from users where lower(email) = lower($1)", [demoAgents[0].email]);
    samId = sam.id;
  });

  /** A visitor with a conversation, talking through the Client API as a custom front-end would. */
  async function visitor(request: APIRequestContext, first: string, contact: Record<string, unknown> = {}): Promise<Visitor> {
    const base = `/public/api/v1/inboxes/${spec.websiteToken}`;
    const name = `Pane Visitor ${token()}`;
    const created = await request.post(`${base}/contacts`, { data: { name, ...contact } });
    expect(created.status()).toBe(200);
    const { source_id: sourceId } = (await created.json()) as { source_id: string };
    const conversation = await request.post(`${base}/contacts/${sourceId}/conversations`, { data: {} });
    expect(conversation.status()).toBe(200);
    const { id: displayId } = (await conversation.json()) as { id: number };
    const c = `${base}/contacts/${sourceId}/conversations/${displayId}`;
    const say = async (text: string) => expect((await request.post(`${c}/messages`, { data: { content: text } })).status()).toBe(200);
    await say(first);
    return {
      name,
      displayId,
      say,
      update: async (fields) => expect((await request.patch(`${base}/contacts/${sourceId}`, { data: fields })).status()).toBe(200),
      typing: async (on) => expect((await request.post(`${c}/toggle_typing`, { data: { typing_status: on ? "on" : "off" } })).status()).toBe(200),
      messages: async () => {
        const res = await request.get(`${c}/messages`);
        expect(res.status()).toBe(200);
        return (await res.json()) as { content: string | null }[];
      },
    };
  }

  /** The conversation as the Application API has it: what persisted. */
  async function stored(request: APIRequestContext, displayId: number): Promise<AppConversation> {
    const res = await request.get(`/api/v1/accounts/${spec.accountId}/conversations/${displayId}`, { headers: { api_access_token: spec.apiToken } });
    expect(res.status()).toBe(200);
    return (await res.json()) as AppConversation;
  }

  test("resolve, reopen and a snooze preset from the header persist; Alt+E resolves by keyboard", async ({ page, request, signIn, seededAdmin }) => {
    const v = await visitor(request, "My parcel never arrived");
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    await expect(pane.message("My parcel never arrived")).toBeVisible();
    await expect(pane.status).toHaveText("Open");

    await pane.button("Resolve").click();
    await expect(pane.status).toHaveText("Resolved");
    await expect.poll(async () => (await stored(request, v.displayId)).status).toBe("resolved");
    await pane.button("Reopen").click();
    await expect(pane.status).toHaveText("Open");
    await expect.poll(async () => (await stored(request, v.displayId)).status).toBe("open");

    const before = Date.now();
    await pane.snooze("1 hour");
    await expect(pane.status).toHaveText("Snoozed");
    await expect.poll(async () => (await stored(request, v.displayId)).status).toBe("snoozed");
    const until = Date.parse((await stored(request, v.displayId)).snoozed_until!);
    expect(until).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3600_000 - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 3600_000);
    await pane.button("Reopen").click();
    await expect(pane.status).toHaveText("Open");
    await expect.poll(async () => (await stored(request, v.displayId)).status).toBe("open");

    // U4: by keyboard alone — focus stays wherever it is (here: the composer) and Alt+E resolves.
    await pane.composer.focus();
    await page.keyboard.press("Alt+E");
    await expect(pane.status).toHaveText("Resolved");
    await expect.poll(async () => (await stored(request, v.displayId)).status).toBe("resolved");
    await page.reload();
    await expect(pane.status).toHaveText("Resolved");
  });

  test("priority and assignee from the header persist across a reload", async ({ page, request, signIn, seededAdmin }) => {
    const v = await visitor(request, "Please hurry");
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    await expect(pane.message("Please hurry")).toBeVisible();

    await pane.setPriority("Urgent");
    await expect(pane.pane.getByRole("button", { name: "Priority: Urgent" })).toBeVisible();
    await expect.poll(async () => (await stored(request, v.displayId)).priority).toBe("urgent");

    await pane.assign(demoAgents[0].name);
    await expect(pane.assigneeButton()).toHaveAccessibleName(`Assignee: ${demoAgents[0].name}`);
    await expect.poll(async () => (await stored(request, v.displayId)).meta.assignee?.id).toBe(samId);

    await page.reload();
    await expect(pane.pane.getByRole("button", { name: "Priority: Urgent" })).toBeVisible();
    await expect(pane.assigneeButton()).toHaveAccessibleName(`Assignee: ${demoAgents[0].name}`);
  });

  test("by keyboard alone: the priority menu and the assignee picker (U5)", async ({ page, request, signIn, seededAdmin }) => {
    const v = await visitor(request, "Keyboard only please");
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    await expect(pane.message("Keyboard only please")).toBeVisible();

    await pane.pane.getByRole("button", { name: /^Priority: / }).focus();
    await page.keyboard.press("Enter");
    await expect(pane.pane.getByRole("menuitemradio", { name: "None" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(pane.pane.getByRole("menuitemradio", { name: "Medium" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(pane.pane.getByRole("button", { name: "Priority: Medium" })).toBeFocused();
    await expect.poll(async () => (await stored(request, v.displayId)).priority).toBe("medium");

    await pane.assigneeButton().focus();
    await page.keyboard.press("Enter");
    await expect(pane.pane.getByRole("textbox", { name: "Filter agents" })).toBeFocused();
    await page.keyboard.type(demoAgents[0].name.split(" ")[0]!);
    await page.keyboard.press("Enter");
    await expect(pane.assigneeButton()).toHaveAccessibleName(`Assignee: ${demoAgents[0].name}`);
    await expect(pane.assigneeButton()).toBeFocused();
    await expect.poll(async () => (await stored(request, v.displayId)).meta.assignee?.id).toBe(samId);

    // Escape closes a menu without choosing.
    await page.keyboard.press("Enter");
    await expect(pane.pane.getByRole("menu")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(pane.pane.getByRole("menu")).toHaveCount(0);
    await expect(pane.assigneeButton()).toBeFocused();
  });

  test("a refused action rolls back and says why (an agent cannot take a colleague's conversation, WF1)", async ({ page, request, signIn, seededAgent }) => {
    const v = await visitor(request, "Who is looking after me?");
    // A colleague holds it (the administrator gave it to Jordan). Sam may hand it to anyone in the inbox
    // or unassign it (WF1), but taking it for himself is the self-claim C5 refuses.
    const {
      rows: [jordan],
    } = await spec.db.query("select id from users where lower(email) = lower($1)", [demoAgents[1].email]);
    const assigned = await request.post(`/api/v1/accounts/${spec.accountId}/conversations/${v.displayId}/assignments`, {
      headers: { api_access_token: spec.apiToken },
      data: { assignee_id: jordan.id },
    });
    expect(assigned.status()).toBe(200);
    await signIn(seededAgent);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    const holder = await pane.assigneeButton().getAttribute("aria-label");
    await pane.assign(demoAgents[0].name);
    await expect(pane.pane.getByRole("alert").filter({ hasText: "Could not assign" })).toBeVisible();
    await expect(pane.assigneeButton()).toHaveAttribute("aria-label", holder!);
    await expect(pane.assigneeButton()).toHaveAccessibleName(`Assignee: ${demoAgents[1].name}`);
    expect((await stored(request, v.displayId)).meta.assignee?.id).toBe(jordan.id);
  });

  test("a private note shows as one to agents and never reaches the visitor (M5)", async ({ page, request, signIn, seededAdmin }) => {
    const v = await visitor(request, "Can I change my delivery address?");
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    await expect(pane.message("Can I change my delivery address?")).toBeVisible();
    const note = `Check with the courier first ${token()}`;
    await pane.pane.getByRole("tab", { name: /Private note/ }).click();
    await pane.composer.fill(note);
    await page.keyboard.press("Enter");
    const shown = pane.thread.getByRole("article", { name: /^Private note from / }).filter({ hasText: note });
    await expect(shown).toBeVisible();
    await expect(shown.getByText("Private note", { exact: true })).toBeVisible();
    await expect(pane.message(note)).toHaveCount(1);
    const visible = (await v.messages()).map((m) => m.content);
    expect(visible).toContain("Can I change my delivery address?");
    expect(visible).not.toContain(note);
  });

  test("the visitor's typing shows in the thread and goes on typing off (E3)", async ({ page, request, signIn, seededAdmin }) => {
    const v = await visitor(request, "One more question");
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    await expect(pane.message("One more question")).toBeVisible();
    await v.typing(true);
    await expect(pane.typing(v.name)).toBeVisible();
    await v.typing(false);
    await expect(pane.typing(v.name)).toHaveCount(0);
    await v.typing(true);
    await expect(pane.typing(v.name)).toBeVisible();
    // The visitor's message ends the indicator too, and arrives live.
    await v.say("Is it free?");
    await expect(pane.message("Is it free?")).toBeVisible();
    await expect(pane.typing(v.name)).toHaveCount(0);
  });

  test("the contact panel shows who the visitor is, remembers being closed, and toggles with Alt+O", async ({ page, request, signIn, seededAdmin }) => {
    const email = `pane-${token().toLowerCase()}@example.com`;
    const v = await visitor(request, "Hello from the pricing page", { email, custom_attributes: { plan: "pro" } });
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    await expect(pane.contactToggle).toHaveAttribute("aria-expanded", "true");
    await expect(pane.contactPanel.getByText(email)).toBeVisible();
    await expect(pane.contactPanel.getByText("pro", { exact: true })).toBeVisible();
    // The visitor gives a phone number: the open panel shows it without a reload.
    const phone = `+1415${String(randomBytes(4).readUInt32BE() % 10_000_000).padStart(7, "0")}`; // unique in the account
    await v.update({ phone_number: phone });
    await expect(pane.contactPanel.getByText(phone)).toBeVisible();
    await pane.contactToggle.click();
    await expect(pane.contactPanel).toHaveCount(0);
    await expect(pane.contactToggle).toHaveAttribute("aria-expanded", "false");
    await page.reload();
    await expect(pane.message("Hello from the pricing page")).toBeVisible();
    await expect(pane.contactToggle).toHaveAttribute("aria-expanded", "false");
    await page.keyboard.press("Alt+O");
    await expect(pane.contactPanel).toBeVisible();
    await expect(pane.contactToggle).toHaveAttribute("aria-expanded", "true");
  });

  test("attachments: an image shows inline from the authenticated route, another file as a download chip", async ({ page, request, signIn, seededAdmin }) => {
    const v = await visitor(request, "Here is what I see");
    const sent = await request.post(`/api/v1/accounts/${spec.accountId}/conversations/${v.displayId}/messages`, {
      headers: { api_access_token: spec.apiToken },
      multipart: {
        content: "Screenshot and log attached",
        "attachments[]": { name: "screen.png", mimeType: "image/png", buffer: PNG },
      },
    });
    expect(sent.status()).toBe(200);
    const log = await request.post(`/api/v1/accounts/${spec.accountId}/conversations/${v.displayId}/messages`, {
      headers: { api_access_token: spec.apiToken },
      multipart: { "attachments[]": { name: "console.txt", mimeType: "text/plain", buffer: Buffer.from("TypeError: x is undefined") } },
    });
    expect(log.status()).toBe(200);
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    const image = pane.message("Screenshot and log attached").getByRole("img");
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(8);
    const chip = pane.thread.getByRole("link", { name: /TXT file/ });
    await expect(chip).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), chip.click()]);
    expect((await (await download.createReadStream()).toArray()).join("")).toBe("TypeError: x is undefined");
  });

  test("a visitor's hostile message is shown as text: no markup, no script, no javascript: link", async ({ page, request, signIn, seededAdmin }) => {
    const hostile = '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [click me](javascript:window.__pwned=3)';
    const v = await visitor(request, hostile);
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    const message = pane.message("click me");
    await expect(message).toBeVisible();
    await expect(message).toContainText('<img src=x onerror="window.__pwned=1">');
    await expect(message.locator("img, script")).toHaveCount(0);
    await expect(message.getByRole("link")).toHaveCount(0);
    await message.getByText("click me").click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test("the contact panel lists the visitor's previous conversations and opens one", async ({ page, request, signIn, seededAdmin }) => {
    const v = await visitor(request, "Second visit");
    const {
      rows: [c],
    } = await spec.db.query("select contact_id, contact_inbox_id, inbox_id from conversations where account_id = $1 and display_id = $2", [spec.accountId, v.displayId]);
    const {
      rows: [older],
    } = await spec.db.query("insert into conversations (account_id, inbox_id, contact_id, contact_inbox_id, status) values ($1, $2, $3, $4, 'resolved') returning display_id", [
      spec.accountId,
      c.inbox_id,
      c.contact_id,
      c.contact_inbox_id,
    ]);
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    const link = pane.contactPanel.getByRole("button", { name: `Conversation #${older.display_id}, resolved` });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`conversation=${older.display_id}`));
    await expect(pane.status).toHaveText("Resolved");
  });

  test("a conversation that does not exist says so", async ({ page, signIn, seededAdmin }) => {
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, 987654321);
    await expect(pane.pane.getByRole("alert")).toContainText("Conversation not available");
  });
});
