import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { WidgetOnPage } from "./pages/widget-host-page";
import { setUpHostSites } from "./support/host-sites";
import { createSpecInbox, readSeededAdmin, setUpSpecDatabase } from "./support/spec-inbox";

/**
 * Reports and CSAT end to end: a visitor chats, the agent resolves, the visitor rates the conversation
 * in the widget's rating message, and the administrator's CSAT report shows the rating (and the team
 * that held the conversation its resolution). With
 * PARLEY_SCREENSHOTS_DIR set, each report tab is photographed for docs/screenshots/.
 */
const shots = process.env.PARLEY_SCREENSHOTS_DIR;
async function shoot(page: Page, name: string) {
  if (!shots) return;
  await page.setViewportSize({ width: 1440, height: 1400 });
  await page.screenshot({ path: `${shots}/${name}.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test.describe("reports and CSAT", () => {
  const spec = setUpSpecDatabase();
  const sites = setUpHostSites();

  test("a visitor rates a resolved conversation in the widget and the CSAT report shows it", async ({ page, context, request, signIn, seededAdmin }) => {
    const { accountId, apiToken } = await readSeededAdmin(spec.db);
    const { inboxId, websiteToken } = await createSpecInbox(spec.db, { name: "E2E CSAT", emailCollect: false, autoAssignment: false });
    await spec.db.query("update inboxes set csat_survey_enabled = true where id = $1", [inboxId]);
    const site = await sites.start({ websiteToken });
    const visitor = new WidgetOnPage(await context.newPage());
    await visitor.goto(site);
    await visitor.open();
    await visitor.say("My parcel is late");

    // The widget shows the message at once; wait until the server has stored it (and its conversation).
    const stored = async () =>
      (
        await spec.db.query<{ display_id: number }>(
          "select c.display_id from conversations c join messages m on m.conversation_id = c.id where c.inbox_id = $1 and m.content = 'My parcel is late' limit 1",
          [inboxId],
        )
      ).rows[0]?.display_id;
    await expect.poll(stored, { timeout: 15_000 }).toBeGreaterThan(0);
    const base = `/api/v1/accounts/${accountId}/conversations/${await stored()}`;
    const headers = { api_access_token: apiToken };
    const team = await request.post(`/api/v1/accounts/${accountId}/teams`, { headers, data: { name: "E2E Parcels", allow_auto_assign: false } });
    expect(team.ok()).toBe(true);
    const { id: teamId } = (await team.json()) as { id: number };
    expect((await request.post(`${base}/assignments`, { headers, data: { team_id: teamId } })).ok()).toBe(true);
    expect((await request.post(`${base}/messages`, { headers, data: { content: "It arrives tomorrow." } })).ok()).toBe(true);
    expect((await request.post(`${base}/toggle_status`, { headers, data: { status: "resolved" } })).ok()).toBe(true);

    // The rating message arrives live; the visitor picks four of five and leaves a comment.
    const rating = visitor.frame.getByRole("radiogroup", { name: "Your rating" });
    await expect(rating).toBeVisible();
    await rating.getByRole("radio", { name: "Rate 4 out of 5" }).click();
    await visitor.frame.getByPlaceholder("Anything to add? (optional)").fill("Quick and kind");
    await visitor.frame.getByRole("button", { name: "Send rating" }).click();
    await expect(visitor.frame.getByText("Thank you for your feedback!")).toBeVisible();
    await expect(rating.getByRole("radio", { name: "Rate 4 out of 5" })).toHaveAttribute("aria-checked", "true");

    // The administrator's reports: the overview, then the CSAT tab with the rating.
    const app = await signIn(seededAdmin);
    await app.sidebar.getByRole("link", { name: "Reports" }).click();
    await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
    await expect(page.getByText("First response time")).toBeVisible();
    await expect(page.getByRole("figure").filter({ hasText: "Conversations per day" })).toBeVisible();
    await shoot(page, "reports-overview");
    for (const tab of ["Agents", "Inboxes", "Labels", "Teams"]) {
      await page.getByRole("tab", { name: tab }).click();
      await expect(page.getByRole("tabpanel")).toHaveAttribute("aria-busy", "false");
      // Agents and inboxes always have rows; the seeded account may have no labels.
      if (tab !== "Labels") await expect(page.getByRole("table")).toBeVisible();
      // The team holding the resolved conversation: one conversation, one resolution.
      if (tab === "Teams") await expect(page.getByRole("row").filter({ hasText: "E2E Parcels" }).getByRole("cell").last()).toHaveText("1");
      await shoot(page, `reports-${tab.toLowerCase()}`);
    }
    await page.getByRole("tab", { name: "CSAT" }).click();
    const row = page.getByRole("row").filter({ hasText: "Quick and kind" });
    await expect(row).toBeVisible();
    await expect(row.getByRole("cell", { name: "4/5" })).toBeVisible();
    await shoot(page, "reports-csat");
  });
});
