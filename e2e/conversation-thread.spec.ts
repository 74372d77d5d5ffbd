import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { setUpSpecInbox } from "./support/spec-inbox";

/**
 * The thread's reading comfort and receipts (SPEC U1, U3, E7, C6): day separators, older messages
 * as you scroll up without losing your place, a "New messages" pill when you are reading history,
 * read marks that follow the visitor, and opening a conversation marking it seen.
 */
const token = () => randomBytes(12).toString("base64url");
const DAY = 86_400_000;

test.describe("conversation thread (SPEC U1, U3, E7)", () => {
  const spec = setUpSpecInbox({ name: "E2E thread", autoAssignment: false });

  async function visitor(request: APIRequestContext) {
    const base = `/public/api/v1/inboxes/${spec.websiteToken}`;
    const name = `Thread Visitor ${token()}`;
    const created = await request.post(`${base}/contacts`, { data: { name } });
    const { source_id: sourceId } = (await created.json()) as { source_id: string };
    const conversation = await request.post(`${base}/contacts/${sourceId}/conversations`, { data: {} });
    expect(conversation.status()).toBe(200);
    const { id: displayId } = (await conversation.json()) as { id: number };
    const c = `${base}/contacts/${sourceId}/conversations/${displayId}`;
    return {
      name,
      displayId,
      say: async (content: string) => expect((await request.post(`${c}/messages`, { data: { content } })).status()).toBe(200),
      looks: async () => expect((await request.post(`${c}/update_last_seen`, { data: {} })).status()).toBe(200),
    };
  }

  /**
   * History written straight into the tables (the flood limit, M2, rightly stops anyone sending 60
   * messages in a minute): `count` incoming messages, two days ago, yesterday and today, oldest first.
   */
  async function history(displayId: number, count: number) {
    const {
      rows: [c],
    } = await spec.db.query("select id, inbox_id, contact_id from conversations where account_id = $1 and display_id = $2", [spec.accountId, displayId]);
    const now = Date.now();
    for (let i = 1; i <= count; i++) {
      const at = new Date(now - (count - i < 20 ? 0 : count - i < 40 ? DAY : 2 * DAY) - (count - i) * 60_000);
      await spec.db.query(
        "insert into messages (account_id, inbox_id, conversation_id, content, message_type, sender_type, sender_id, created_at, updated_at) values ($1, $2, $3, $4, 'incoming', 'contact', $5, $6, $6)",
        [spec.accountId, c.inbox_id, c.id, `History ${String(i).padStart(3, "0")}`, c.contact_id, at],
      );
    }
  }

  test("day separators, older messages on scrolling up with the place kept, and a New messages pill while reading history", async ({ page, request, signIn, seededAdmin }) => {
    const v = await visitor(request);
    await history(v.displayId, 60);
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    await expect(pane.message("History 060")).toBeVisible();
    await expect(pane.message("History 040")).toHaveCount(0);
    await expect(pane.thread.getByRole("listitem", { name: "Today" })).toBeVisible();

    // Scroll to the top: the next older page goes in above, and the message that was at the top stays put.
    const anchor = pane.message("History 041");
    await pane.scroller.evaluate((el) => (el.scrollTop = 0));
    await expect(pane.message("History 040")).toBeAttached();
    await expect(pane.thread.getByRole("listitem", { name: "Yesterday" })).toBeAttached();
    const box = await anchor.boundingBox();
    const view = await pane.scroller.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(view!.y - box!.height);
    expect(box!.y).toBeLessThan(view!.y + view!.height);

    // All the way to the start (an empty page tells there is nothing older).
    await expect(async () => {
      await pane.scroller.evaluate((el) => (el.scrollTop = 0));
      await expect(pane.pane.getByText("Start of conversation")).toBeAttached({ timeout: 1_000 });
    }).toPass();
    await expect(pane.message("History 001")).toBeAttached();
    await expect(pane.thread.getByRole("article")).toHaveCount(60);

    // Reading history when the visitor writes: the view stays, a pill says there is more below.
    await v.say("Fresh question");
    await expect(pane.pane.getByRole("button", { name: /New messages/ })).toBeVisible();
    await pane.pane.getByRole("button", { name: /New messages/ }).click();
    await expect(pane.message("Fresh question")).toBeInViewport();
    await expect(pane.pane.getByRole("button", { name: /New messages/ })).toHaveCount(0);

    // At the bottom, new messages simply appear in view.
    await v.say("And another one");
    await expect(pane.message("And another one")).toBeInViewport();
  });

  test("an agent's reply shows Sent, then Read once the visitor has looked (E7)", async ({ page, request, signIn, seededAdmin }) => {
    const v = await visitor(request);
    await v.say("Anyone?");
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    await expect(pane.message("Anyone?")).toBeVisible();
    const reply = `Yes, here ${token()}`;
    await pane.composer.fill(reply);
    await page.keyboard.press("Enter");
    const sent = pane.message(reply);
    await expect(sent.getByText("Sent", { exact: true })).toBeAttached();
    await v.looks();
    await expect(sent.getByText("Read", { exact: true })).toBeAttached();
  });

  test("opening a conversation marks it seen: the unread badge goes and the server agrees (C6)", async ({ page, request, signIn, seededAdmin, operatorApp }) => {
    const v = await visitor(request);
    await v.say("Unread one");
    await v.say("Unread two");
    await signIn(seededAdmin);
    await operatorApp.showView("All");
    const card = operatorApp.card(v.name);
    await expect(card.getByLabel("2 unread")).toBeVisible();
    await card.click();
    const pane = new ConversationPage(page);
    await expect(pane.message("Unread two")).toBeVisible();
    await expect(card.getByLabel(/unread/)).toHaveCount(0);
    await expect
      .poll(async () => {
        const res = await request.get(`/api/v1/accounts/${spec.accountId}/conversations/${v.displayId}`, { headers: { api_access_token: spec.apiToken } });
        return ((await res.json()) as { unread_count: number }).unread_count;
      })
      .toBe(0);
  });
});
