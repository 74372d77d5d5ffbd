import { expect, test } from "./fixtures";
import { WidgetOnPage } from "./pages/widget-host-page";
import { setUpHostSites } from "./support/host-sites";
import { createSpecInbox, readSeededAdmin, setUpSpecDatabase } from "./support/spec-inbox";

/**
 * W11: Chatwoot's public CSAT page, /survey/responses/:conversation_uuid — a visitor who got the link
 * rates the resolved conversation without signing in, in their language, and can change the answer.
 */
test.describe("public CSAT survey page", () => {
  const spec = setUpSpecDatabase();
  const sites = setUpHostSites();

  test("W11 a visitor rates a resolved conversation on the survey page, in English and in Russian, and changes the answer", async ({ browser, request }) => {
    test.setTimeout(120_000);
    const { accountId, apiToken } = await readSeededAdmin(spec.db);
    const { inboxId, websiteToken } = await createSpecInbox(spec.db, { name: "E2E survey", emailCollect: false, autoAssignment: false });
    await spec.db.query("update inboxes set csat_survey_enabled = true where id = $1", [inboxId]);
    const site = await sites.start({ websiteToken });
    const visitorContext = await browser.newContext();
    const visitor = new WidgetOnPage(await visitorContext.newPage());
    await visitor.goto(site);
    await visitor.open();
    await visitor.say("Where is my order?");
    const stored = async () => (await spec.db.query<{ display_id: number; uuid: string }>("select display_id, uuid from conversations where inbox_id = $1 limit 1", [inboxId])).rows[0];
    await expect.poll(async () => (await stored())?.display_id ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    const { display_id, uuid } = (await stored())!;
    const base = `/api/v1/accounts/${accountId}/conversations/${display_id}`;
    expect((await request.post(`${base}/toggle_status`, { headers: { api_access_token: apiToken }, data: { status: "resolved" } })).ok()).toBe(true);
    await expect(visitor.frame.getByRole("radiogroup", { name: "Your rating" })).toBeVisible();
    await visitorContext.close();

    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`/survey/responses/${uuid}`);
    await expect(page.getByRole("heading", { name: "Rate your conversation" })).toBeVisible();
    await page.getByRole("radio", { name: "Rate 5 out of 5" }).click();
    await page.getByLabel("Anything to add? (optional)").fill("Very helpful");
    await page.getByRole("button", { name: "Send rating" }).click();
    await expect(page.getByText("Thank you for your feedback!")).toBeVisible();
    const answer = async () =>
      (await spec.db.query("select r.rating, r.feedback_message from csat_survey_responses r join conversations c on c.id = r.conversation_id where c.uuid = $1", [uuid])).rows;
    await expect.poll(answer).toEqual([{ rating: 5, feedback_message: "Very helpful" }]);
    await page.screenshot({ path: "docs/screenshots/survey-page.png" });
    await context.close();

    // In Russian; the earlier answer is shown and changing it keeps one response.
    const ru = await browser.newContext({ locale: "ru-RU" });
    const again = await ru.newPage();
    await again.goto(`/survey/responses/${uuid}`);
    await expect(again.getByRole("heading", { name: "Оцените разговор" })).toBeVisible();
    await expect(again.getByRole("radio", { name: "Оценка 5 из 5" })).toHaveAttribute("aria-checked", "true");
    await again.getByRole("radio", { name: "Оценка 3 из 5" }).click();
    await again.getByRole("button", { name: "Изменить оценку" }).click();
    await expect(again.getByText("Спасибо за отзыв!")).toBeVisible();
    await expect.poll(answer).toEqual([{ rating: 3, feedback_message: "Very helpful" }]);
    // An unknown conversation: a plain message, no error page.
    await again.goto("/survey/responses/00000000-0000-4000-8000-000000000000");
    await expect(again.getByText("Этот опрос недоступен.")).toBeVisible();
    await ru.close();
  });
});
