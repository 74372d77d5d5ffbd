import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { expect, test } from "./fixtures";
import { ThirdPartySite, WidgetOnPage } from "./pages/widget-host-page";

/**
 * W2 composer attachments (issues #6, #8; SPEC §4, §12): a visitor attaches an image in the widget,
 * sees it previewed before sending and in the thread after (fetched with the contact token, shown from
 * a blob: URL); the agent side downloads the same bytes. An inbox with attachments off shows no attach button.
 */
const token = () => randomBytes(18).toString("base64url");
// An 8×8 red PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC",
  "base64",
);

test.describe("visitor widget attachments", () => {
  const parleyUrl = process.env.PARLEY_E2E_BASE_URL!;
  let db: Client;
  let accountId: number;
  const api = { api_access_token: "" };
  const sites: ThirdPartySite[] = [];

  test.beforeAll(async () => {
    db = new Client({ connectionString: process.env.PARLEY_E2E_DATABASE_URL });
    await db.connect();
    const { rows: [admin] } = await db.query(
      "select u.access_token, au.account_id from users u join account_users au on au.user_id = u.id where lower(u.email) = lower($1)",
      [process.env.SEED_ADMIN_EMAIL ?? "admin@example.com"],
    );
    accountId = admin.account_id;
    api.api_access_token = admin.access_token;
  });

  test.afterAll(async () => {
    await Promise.all(sites.map((s) => s.close()));
    await db?.end();
  });

  /** An inbox of its own, so no other journey changes the settings this one runs under. */
  async function site(attachments: boolean): Promise<{ site: ThirdPartySite; inboxId: number }> {
    const { rows: [inbox] } = await db.query("insert into inboxes (account_id, name, enable_email_collect) values ($1, $2, false) returning id", [accountId, `E2E attachments ${token()}`]);
    const websiteToken = token();
    await db.query("insert into web_widgets (account_id, inbox_id, website_url, website_token, hmac_token, feature_attachments) values ($1, $2, 'https://shop.example', $3, $4, $5)", [
      accountId,
      inbox.id,
      websiteToken,
      token(),
      attachments,
    ]);
    const s = await ThirdPartySite.start({ parleyUrl, websiteToken });
    sites.push(s);
    return { site: s, inboxId: inbox.id };
  }

  test("a visitor sends an image: previewed before and after sending; the agent downloads the same bytes", async ({ page, request }) => {
    const { site: s, inboxId } = await site(true);
    const widget = new WidgetOnPage(page);
    await widget.goto(s);
    await widget.open();

    await expect(widget.frame.getByRole("button", { name: "Attach a file" })).toBeVisible();
    await widget.frame.locator('input[type="file"]').setInputFiles({ name: "screenshot.png", mimeType: "image/png", buffer: PNG });
    const chosen = widget.frame.getByRole("list", { name: "Files to send" });
    await expect(chosen).toContainText("screenshot.png");
    await widget.say("Here is what I see");
    await expect(chosen).toHaveCount(0);

    // The stored image in the thread: loaded with the token header, shown from memory.
    const mine = widget.messages.getByRole("listitem").filter({ hasText: "Here is what I see" });
    const image = mine.getByRole("img", { name: "screenshot.png" });
    await expect(image).toBeVisible();
    await expect(image).toHaveAttribute("src", /^blob:/);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(8);
    await expect(mine).toContainText("Sent");

    const { rows: [stored] } = await db.query(
      "select a.id, a.file_name, a.content_type from attachments a join messages m on m.id = a.message_id where m.inbox_id = $1",
      [inboxId],
    );
    expect(stored).toMatchObject({ file_name: "screenshot.png", content_type: "image/png" });
    const download = await request.get(`/api/v1/accounts/${accountId}/attachments/${stored.id}`, { headers: api });
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("image/png");
    expect(download.headers()["x-content-type-options"]).toBe("nosniff");
    expect(download.headers()["content-disposition"]).toBe(`inline; filename="screenshot.png"; filename*=UTF-8''screenshot.png`);
    expect(download.headers()["content-security-policy"]).toMatch(/^sandbox; .*frame-ancestors 'none'$/);
    expect(Buffer.compare(await download.body(), PNG)).toBe(0);
    // Without credentials: nothing.
    expect((await request.get(`/api/v1/accounts/${accountId}/attachments/${stored.id}`)).status()).toBe(401);
  });

  test("an inbox with attachments off shows no attach button", async ({ page }) => {
    const { site: s } = await site(false);
    const widget = new WidgetOnPage(page);
    await widget.goto(s);
    await widget.open();
    await expect(widget.composer).toBeVisible();
    await expect(widget.frame.getByRole("button", { name: "Attach a file" })).toBeHidden();
  });
});
