import { expect, test } from "./fixtures";
import { type ThirdPartySite, WidgetOnPage } from "./pages/widget-host-page";
import { setUpHostSites } from "./support/host-sites";
import { createSpecInbox, setUpSpecDatabase, type SpecInbox } from "./support/spec-inbox";

/**
 * W2 composer attachments (issues #6, #8; SPEC §4, §12): a visitor attaches an image in the widget,
 * sees it previewed before sending and in the thread after (fetched with the contact token, shown from
 * a blob: URL); the agent side downloads the same bytes. An inbox with attachments off shows no attach button.
 */
// An 8×8 red PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC", "base64");

test.describe("visitor widget attachments", () => {
  const spec = setUpSpecDatabase();
  const sites = setUpHostSites();

  /** An inbox of its own, so no other journey changes the settings this one runs under. */
  async function site(attachments: boolean): Promise<SpecInbox & { site: ThirdPartySite }> {
    const inbox = await createSpecInbox(spec.db, { name: "E2E attachments", emailCollect: false, widget: { attachments } });
    return { ...inbox, site: await sites.start({ websiteToken: inbox.websiteToken }) };
  }

  test("a visitor sends an image: previewed before and after sending; the agent downloads the same bytes", async ({ page, request }) => {
    const { site: s, inboxId, accountId, apiToken } = await site(true);
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

    const {
      rows: [stored],
    } = await spec.db.query("select a.id, a.file_name, a.content_type from attachments a join messages m on m.id = a.message_id where m.inbox_id = $1", [inboxId]);
    expect(stored).toMatchObject({ file_name: "screenshot.png", content_type: "image/png" });
    const download = await request.get(`/api/v1/accounts/${accountId}/attachments/${stored.id}`, { headers: { api_access_token: apiToken } });
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
