import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import type { ThirdPartySite } from "./pages/widget-host-page";
import { setUpHostSites } from "./support/host-sites";
import { untranslated } from "./support/untranslated";
import { appApi, createInbox, loadOperatorWorld, unique, Visitor, type OperatorWorld } from "./support/operator-world";
import { createSpecInbox, setUpSpecDatabase } from "./support/spec-inbox";

/**
 * Parley speaks Russian (docs/i18n.md): an agent whose profile says Russian gets the whole operator
 * app in it, <html lang> included, and back in English without a reload; the widget on a host page
 * that sets `locale: 'ru'`; the account language dropdown keeps what was saved. With
 * PARLEY_SCREENSHOTS_DIR set, each is photographed for docs/.
 */
const shots = process.env.PARLEY_SCREENSHOTS_DIR;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png` });
}

test.describe("the operator app in Russian (docs/i18n.md)", () => {
  let w: OperatorWorld;
  test.beforeAll(async () => {
    w = await loadOperatorWorld();
  });

  test("an agent whose profile says Russian sees the app in Russian with <html lang=ru>, and English again without a reload", async ({ request, page }) => {
    const email = `${unique("agent").replace(" ", "-")}@example.test`;
    const password = "e2e-agent-password";
    const agentName = "Ирина Соколова";
    const agent = await appApi<{ id: number }>(request, w, "POST", "/agents", { name: agentName, email, role: "agent", password });
    const inbox = await createInbox(request, w, unique("Магазин"));
    await appApi(request, w, "POST", "/inbox_members", { inbox_id: inbox.id, user_ids: [agent.id] });
    const visitors = [];
    for (const [name, text] of [
      ["Мария", "Здравствуйте, где мой заказ?"],
      ["Пётр", "Можно вернуть товар?"],
      ["Ольга", "Спасибо за помощь!"],
    ] as const) {
      const v = await Visitor.arrive(request, inbox, `${name} ${unique("").trim()}`);
      await v.startConversation(text);
      visitors.push({ name: v.name, text });
    }

    const login = new LoginPage(page);
    await login.goto();
    await login.signIn({ email, password });
    await expect(page.getByRole("navigation", { name: "Sidebar" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    // The profile's language: saved, the page answers in Russian at once.
    await page.getByRole("navigation", { name: "Sidebar" }).getByRole("link", { name: "Profile" }).click();
    const language = page.getByRole("combobox", { name: "Interface language" });
    await language.selectOption("ru");
    await language.locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { name: "Профиль" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Язык интерфейса" })).toHaveValue("ru");
    await shoot(page, "i18n-profile-ru");

    // The operator app: the three columns, the status tabs, a plural count, the composer.
    await page.getByRole("link", { name: "← Диалоги" }).click();
    const sidebar = page.getByRole("navigation", { name: "Боковая панель" });
    await expect(sidebar).toBeVisible();
    await expect(sidebar.getByRole("heading", { name: "Диалоги" })).toBeVisible();
    await expect(sidebar.getByRole("heading", { name: "Источники" })).toBeVisible();
    await sidebar.getByRole("link", { name: /^Все/ }).click();
    const list = page.getByRole("region", { name: "Диалоги", exact: true });
    await expect(list.getByRole("heading", { name: "Все диалоги" })).toBeVisible();
    const tabs = list.getByRole("tablist", { name: "Статус" });
    await expect(tabs.getByRole("tab")).toHaveText(["Открытые", "Ожидают", "Отложены", "Решены", "Все"]);
    await expect(list.getByLabel("3 диалога")).toHaveText("3");
    await expect(sidebar.getByRole("link", { name: inbox.name }).getByLabel("3 непрочитанных")).toBeVisible();

    await list.locator("a[data-conversation-id]").filter({ hasText: visitors[0]!.name }).click();
    const pane = page.getByRole("region", { name: "Диалог", exact: true });
    await expect(pane.getByText(visitors[0]!.text)).toBeVisible();
    const composer = pane.getByRole("textbox", { name: "Сообщение" });
    await expect(composer).toHaveAttribute("placeholder", /^Ответ посетителю/);
    await expect(pane.getByRole("tab", { name: "Ответ" })).toBeVisible();
    await expect(pane.getByRole("tab", { name: "Заметка" })).toBeVisible();
    await expect(pane.getByRole("button", { name: "Отправить" })).toBeVisible();
    await expect(pane.getByRole("button", { name: "Решить" })).toBeVisible();
    await expect(pane.getByText("Сегодня", { exact: true })).toBeVisible();
    await expect(page).toHaveTitle(/^(\(\d+\) )?Диалоги · Parley$/);

    // Nothing English is left on the screen but what people typed.
    const profile = (await (await request.get("/api/v1/profile", { headers: { api_access_token: w.token } })).json()) as { accounts: { id: number; name: string }[] };
    const accountName = profile.accounts.find((a) => a.id === w.accountId)!.name;
    // Other journeys' labels (sidebar views) and custom attributes (contact panel) are people's words too.
    const labels = (await appApi<{ payload: { title: string }[] }>(request, w, "GET", "/labels")).payload.map((l) => l.title);
    const attributes = (await appApi<{ attribute_display_name: string }[]>(request, w, "GET", "/custom_attribute_definitions")).map((d) => d.attribute_display_name);
    const userData = [agentName, email, inbox.name, accountName, ...visitors.flatMap((v) => [v.name, v.text]), ...labels, ...attributes].sort((a, b) => b.length - a.length);
    expect(await untranslated(page, userData)).toEqual([]);
    await shoot(page, "i18n-operator-ru");
    // The longer Russian words in the narrow layout (360 px): the list, with its tabs and sort.
    await page.setViewportSize({ width: 360, height: 740 });
    await pane.getByRole("button", { name: "← Назад" }).click();
    await expect(list.getByRole("tab", { name: "Открытые" })).toBeVisible();
    await shoot(page, "i18n-operator-ru-narrow");
    await page.setViewportSize({ width: 1280, height: 720 });

    // Back to English from the profile, by client-side navigation only: no reload, no mixed text.
    await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
    await sidebar.getByRole("link", { name: "Профиль" }).click();
    const lang = page.getByRole("combobox", { name: "Язык интерфейса" });
    await lang.selectOption("en");
    await lang.locator("xpath=ancestor::form").getByRole("button", { name: "Сохранить" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
    await page.getByRole("link", { name: "← Conversations" }).click();
    const english = page.getByRole("navigation", { name: "Sidebar" });
    await expect(english.getByRole("heading", { name: "Conversations" })).toBeVisible();
    const englishList = page.getByRole("region", { name: "Conversations", exact: true });
    await expect(englishList.getByRole("tab")).toHaveText(["Open", "Pending", "Snoozed", "Resolved", "All"]);
    await english.getByRole("link", { name: /^All/ }).click();
    await expect(englishList.getByLabel("3 conversations")).toHaveText("3");
    await englishList.locator("a[data-conversation-id]").filter({ hasText: visitors[1]!.name }).click();
    await expect(page.getByRole("region", { name: "Conversation", exact: true }).getByRole("textbox", { name: "Message" })).toHaveAttribute("placeholder", /^Reply to the visitor/);
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
    // Avatars' initials are drawn from the (Russian) names, hidden from assistive technology: not words.
    const cyrillicLeft = await page.evaluate((data) => {
      const parts: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement?.closest('[aria-hidden="true"],script,style')) parts.push(n.textContent ?? "");
      let text = parts.join(" ");
      for (const d of data) text = text.split(d).join(" ");
      return text.match(/[А-Яа-яЁё]+/g) ?? [];
    }, userData);
    expect(cyrillicLeft).toEqual([]);
    await shoot(page, "i18n-operator-en-after-switch");
  });
});

test.describe("the widget in Russian (docs/i18n.md)", () => {
  const spec = setUpSpecDatabase();
  const sites = setUpHostSites();

  test("on a host page with locale 'ru' the widget's placeholder, buttons and greeting are Russian", async ({ page }) => {
    const greeting = "Здравствуйте! Чем можем помочь?";
    const { websiteToken } = await createSpecInbox(spec.db, { name: "E2E widget ru", greeting, emailCollect: false, autoAssignment: false, widget: { welcomeTitle: "Добро пожаловать" } });
    const site: ThirdPartySite = await sites.start({ websiteToken, settings: { locale: "ru" } });
    await page.goto(`${site.origin}/`);
    await page.getByRole("button", { name: "Open chat" }).click();
    const frame = page.frameLocator("iframe.parley-frame");
    await expect(frame.getByRole("heading", { name: "Добро пожаловать" })).toBeVisible();
    const composer = frame.getByRole("textbox", { name: "Сообщение" });
    await expect(composer).toHaveAttribute("placeholder", "Ваше сообщение…");
    await expect(frame.getByRole("button", { name: "Отправить" })).toBeVisible();
    await expect(frame.getByRole("button", { name: "Закрыть чат" })).toBeVisible();
    // The loader's bubble and frame take the widget's words too.
    await expect(page.getByRole("button", { name: "Закрыть чат" })).toBeVisible();
    await expect(page.locator("iframe.parley-frame")).toHaveAttribute("title", "Чат");
    await expect(frame.locator("html")).toHaveAttribute("lang", "ru");

    await composer.fill("Добрый день");
    await composer.press("Enter");
    const log = frame.getByRole("log", { name: "Сообщения" });
    await expect(log.getByText("Добрый день")).toBeVisible();
    await expect(log.getByText(greeting)).toBeVisible();
    await expect(log.getByText(/^(Отправлено|Просмотрено)$/).first()).toBeVisible();
    await shoot(page, "i18n-widget-ru");

    // The widget's own words: nothing English inside the frame.
    const frameTexts = await page
      .frames()
      .find((f) => f.url().includes("/widget?"))!
      .evaluate(
        () =>
          document.body.innerText +
          " " +
          [...document.querySelectorAll("[aria-label],[placeholder]")].map((e) => `${e.getAttribute("aria-label") ?? ""} ${e.getAttribute("placeholder") ?? ""}`).join(" "),
      );
    expect(frameTexts.replace("Добрый день", "").match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
  });
});

test.describe("account language (docs/i18n.md)", () => {
  const spec = setUpSpecDatabase();

  test("the dropdown offers only Parley's languages and shows the saved value after Save", async ({ page, request, signIn }) => {
    // An administrator of an account of the test's own (their first account, the seeded one, keeps
    // their UI in English), so no other spec's users change language or accounts meanwhile.
    const w = await loadOperatorWorld();
    const email = `${unique("owner").replace(" ", "-")}@example.test`;
    const password = "e2e-owner-password";
    const owner = await appApi<{ id: number }>(request, w, "POST", "/agents", { name: "Olga Owner", email, role: "agent", password });
    const { rows } = await spec.db.query<{ id: number }>("insert into accounts (name) values ($1) returning id", [unique("Языковой аккаунт")]);
    const accountId = rows[0]!.id;
    await spec.db.query("insert into account_users (account_id, user_id, role) values ($1, $2, 'administrator')", [accountId, owner.id]);

    await signIn({ email, password });
    await page.goto(`/app/accounts/${accountId}/settings/account`);
    const select = page.getByRole("combobox", { name: "Language" });
    await expect(select.locator("option")).toHaveText(["English", "Русский"]);
    await expect(select).toHaveValue("en");
    await select.selectOption("ru");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved");
    await expect(select).toHaveValue("ru");
    await shoot(page, "i18n-settings-account");
    await page.reload();
    await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("ru");
    const { rows: stored } = await spec.db.query<{ locale: string }>("select locale from accounts where id = $1", [accountId]);
    expect(stored[0]!.locale).toBe("ru");
  });
});
