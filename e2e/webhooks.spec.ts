import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";

/**
 * WH5 in the browser: an administrator adds a webhook, sends a test event, and the delivery log shows
 * it delivered to a real receiver, signed with the secret the page showed once; the webhook is scoped
 * to one inbox (WH7). With
 * PARLEY_SCREENSHOTS_DIR set, the page is photographed for docs/.
 */
const shots = process.env.PARLEY_SCREENSHOTS_DIR;

test("an administrator adds a webhook, sends a test event and sees it delivered in the log", async ({ page, signIn, seededAdmin }) => {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200).end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${Math.random().toString(36).slice(2, 8)}`;
  try {
    await signIn(seededAdmin);
    const accountId = Number(/\/app\/accounts\/(\d+)\//.exec(page.url())?.[1]);
    await page.goto(`/app/accounts/${accountId}/settings/webhooks`);
    await expect(page.getByRole("heading", { name: "Webhooks" }).first()).toBeVisible();

    const create = page.locator("form").filter({ has: page.getByRole("button", { name: "Add webhook" }) });
    await create.getByLabel("URL").fill(url);
    await create.getByLabel("Name").fill("CRM sync");
    await create.getByLabel("conversation_created").check();
    // WH7: scoped to one inbox (the first one after "All inboxes").
    const inboxChoice = create.getByLabel("Inbox", { exact: true });
    await expect(inboxChoice).toHaveValue("");
    const inbox = await inboxChoice.locator("option").nth(1).getAttribute("value");
    await inboxChoice.selectOption(inbox!);
    await create.getByRole("button", { name: "Add webhook" }).click();
    const secret = (await create.locator("code").textContent({ timeout: 15_000 }))?.trim() ?? "";
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);

    const section = page.locator("section").filter({ hasText: "CRM sync" });
    await expect(section.getByLabel("Inbox", { exact: true })).toHaveValue(inbox!);
    await section.getByRole("button", { name: "Send test event" }).click();
    await expect(section.getByText("Test event queued")).toBeVisible();
    await expect.poll(() => got.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const [req] = got;
    const expected = `sha256=${createHmac("sha256", secret).update(`${req!.headers["x-parley-timestamp"]}.${req!.body}`).digest("hex")}`;
    expect(req!.headers["x-parley-signature"]).toBe(expected);
    expect(JSON.parse(req!.body)).toMatchObject({ event: "test" });

    await expect(async () => {
      await page.reload();
      await expect(page.locator("section").filter({ hasText: "CRM sync" }).getByText("Delivered")).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    if (shots) {
      await page.setViewportSize({ width: 1280, height: 1400 });
      await page.screenshot({ path: `${shots}/settings-webhooks.png` });
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
