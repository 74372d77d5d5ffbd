import { demoConversations } from "@/scripts/seed/demo-data";
import { expect, test } from "./fixtures";

// The seeded workspace's open conversations: the list an administrator sees first (SPEC U1).
const openContacts = demoConversations.filter((c) => c.status === "open").map((c) => c.contact.name);

test.describe("signing in (SPEC U2, §12)", () => {
  test("the seeded administrator signs in and sees the inbox with its conversations", async ({ page, loginPage, operatorApp, seededAdmin }) => {
    await loginPage.goto();
    await loginPage.signIn(seededAdmin);

    await expect(page).toHaveURL(/\/app(\/|\?|$)/);
    await expect(operatorApp.sidebar).toBeVisible();
    await expect(operatorApp.conversations).toBeVisible();
    await expect(operatorApp.conversation).toBeVisible();

    // Whatever view the app opens on, "All" lists every open conversation the seed created. Journeys
    // that ran before add newer ones, which would push the seed's below the fold of the virtualised
    // list: the seed's are the longest waiting (minutes before the server started), so they lead.
    await operatorApp.showView("All");
    await operatorApp.sortBy("Waiting longest");
    await expect(operatorApp.conversations.getByText(new RegExp(openContacts.join("|"))).first()).toBeVisible();
  });

  test("a wrong password shows an error and stays on the login page", async ({ page, loginPage, seededAdmin }) => {
    await loginPage.goto();
    await loginPage.signIn({ email: seededAdmin.email, password: `${seededAdmin.password}-wrong` });

    // The invalid-credentials message, not a throttling or "unavailable" one.
    await expect(loginPage.error).toContainText(/invalid|incorrect|wrong|not match/i);
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await expect(loginPage.submit).toBeVisible();
  });

  test("a signed-out visit to the app is sent to the login page", async ({ page, loginPage }) => {
    await page.goto("/app");

    await expect(page).toHaveURL(/\/login(\?|$)/);
    await expect(loginPage.submit).toBeVisible();
  });
});
