import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { appApi, createInbox, loadOperatorWorld, unique, Visitor, type OperatorWorld, type TestInbox } from "./support/operator-world";
import { untranslated } from "./support/untranslated";

/**
 * The team workflow screens (docs/workflow.md) as an agent sees them in English and Russian, light and
 * dark, 360 and 1440 px wide: the filter builder, the saved views in the sidebar, the bulk toolbar
 * and the conversation header's label and team buttons. Each is reached and left with the keyboard
 * (Escape closes, the focus goes back to what opened it) and, in Russian, shows no English. With
 * PARLEY_SCREENSHOTS_DIR set, each is photographed for docs/screenshots/.
 */
const shots = process.env.PARLEY_SCREENSHOTS_DIR;
const WIDTHS = [360, 1440] as const;
const SCHEMES = ["light", "dark"] as const;

async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png` });
}

/** Tabs forward until `target` has the focus (at most `max` presses): it is in the tab order. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

const WORDS = {
  en: {
    list: "Conversations",
    contactFilter: "Contact filter",
    macro: "Run macro",
    add: "Add condition",
    filter: "Filter",
    builder: "Filter conversations",
    sidebar: "Sidebar",
    menu: "Open menu",
    toolbar: "Bulk actions",
    views: "Saved views",
    labels: "Labels",
  },
  ru: {
    list: "Диалоги",
    contactFilter: "Фильтр контактов",
    macro: "Запустить макрос",
    add: "Добавить условие",
    filter: "Фильтр",
    builder: "Фильтр диалогов",
    sidebar: "Боковая панель",
    menu: "Открыть меню",
    toolbar: "Массовые действия",
    views: "Сохранённые виды",
    labels: "Метки",
  },
} as const;

test.describe("team workflow screens: languages, themes, widths, keyboard (WF3–WF5)", () => {
  test.describe.configure({ timeout: 240_000 });
  let w: OperatorWorld;
  let inbox: TestInbox;
  const password = "e2e-screens-password";
  const agent = { email: `${unique("screens").replace(" ", "-")}@example.test`, name: "Вера Ларина" };
  const label = `срочно-${unique("").trim()}`;
  const team = `Поддержка ${unique("").trim()}`;
  const names: string[] = [];
  let viewName = "";
  let displayId = 0;

  test.beforeAll(async ({ request }) => {
    w = await loadOperatorWorld();
    inbox = await createInbox(request, w, unique("Магазин"));
    const made = await appApi<{ id: number }>(request, w, "POST", "/agents", { name: agent.name, email: agent.email, role: "agent", password });
    await appApi(request, w, "POST", "/inbox_members", { inbox_id: inbox.id, user_ids: [w.adminId, w.samId, w.jordanId, made.id] });
    await appApi(request, w, "POST", "/labels", { title: label, color: "#e11d48", show_on_sidebar: true });
    const t = await appApi<{ id: number }>(request, w, "POST", "/teams", { name: team, allow_auto_assign: false });
    await appApi(request, w, "POST", `/teams/${t.id}/team_members`, { user_ids: [made.id] });
    for (const [name, text] of [
      ["Мария Кузнецова", "Здравствуйте, где мой заказ?"],
      ["Пётр Иванов", "Можно вернуть товар?"],
      ["Ольга Смирнова", "Спасибо за помощь!"],
    ] as const) {
      const v = await Visitor.arrive(request, inbox, `${name} ${unique("").trim()}`);
      const id = await v.startConversation(text);
      names.push(v.name);
      displayId ||= id;
      await appApi(request, w, "POST", `/conversations/${id}/labels`, { labels: [label] });
    }
    viewName = `Мои срочные ${unique("").trim()}`;
  });

  for (const locale of ["en", "ru"] as const) {
    test(`${locale}: the filter builder, saved views, bulk toolbar and labels button`, async ({ page, request }) => {
      const words = WORDS[locale];
      await new LoginPage(page).goto();
      await new LoginPage(page).signIn({ email: agent.email, password });
      await expect(page.getByRole("navigation", { name: "Sidebar" })).toBeVisible();
      const base = new URL(page.url()).origin;
      const profile = await page.request.put("/api/v1/profile", { headers: { Origin: base }, data: { profile: { ui_settings: { locale } } } });
      expect(profile.status(), await profile.text()).toBe(200);
      // A saved view of the agent's own, so the sidebar has one to show.
      const views = (await (await page.request.get(`/api/v1/accounts/${w.accountId}/custom_filters?filter_type=conversation`)).json()) as { name: string }[];
      if (!views.some((v) => v.name === viewName)) {
        const saved = await page.request.post(`/api/v1/accounts/${w.accountId}/custom_filters`, {
          headers: { Origin: base },
          data: { name: viewName, filter_type: "conversation", query: { payload: [{ attribute_key: "labels", filter_operator: "equal_to", values: [label], query_operator: null }] } },
        });
        expect(saved.status(), await saved.text()).toBe(200);
      }
      // What people named: this spec's, and whatever other specs add to the shared account meanwhile.
      const userData = async () => {
        const [labels, teams, agents, inboxes, attributes, me] = await Promise.all([
          appApi<{ payload: { title: string }[] }>(request, w, "GET", "/labels"),
          appApi<{ name: string }[]>(request, w, "GET", "/teams"),
          appApi<{ name: string; available_name: string }[]>(request, w, "GET", "/agents"),
          appApi<{ payload: { name: string }[] }>(request, w, "GET", "/inboxes"),
          appApi<{ attribute_display_name: string }[]>(request, w, "GET", "/custom_attribute_definitions"),
          page.request.get("/api/v1/profile").then((r) => r.json() as Promise<{ accounts: { name: string }[] }>),
        ]);
        return [
          ...names,
          viewName,
          agent.email,
          ...labels.payload.map((l) => l.title),
          ...teams.map((x) => x.name),
          ...agents.flatMap((a) => [a.name, a.available_name]),
          ...inboxes.payload.map((i) => i.name),
          ...attributes.map((d) => d.attribute_display_name),
          ...me.accounts.map((a) => a.name),
        ].sort((a, b) => b.length - a.length);
      };

      for (const width of WIDTHS) {
        for (const scheme of SCHEMES) {
          const at = `${locale}-${scheme}-${width}`;
          await page.setViewportSize({ width, height: width < 1024 ? 780 : 900 });
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(`/app/accounts/${w.accountId}/conversations?inbox_id=${inbox.id}`);
          const list = page.getByRole("region", { name: words.list, exact: true });
          await expect(list.getByText(names[0]!, { exact: true })).toBeVisible();
          await expect(page.locator("html")).toHaveAttribute("lang", locale);

          // The filter builder: reached by Tab, takes the focus, Escape hands it back.
          const open = list.getByRole("button", { name: words.filter, exact: true });
          await page.locator("body").focus();
          await tabTo(page, open);
          await page.keyboard.press("Enter");
          const builder = page.getByRole("region", { name: words.builder });
          await expect(builder.getByRole("combobox").first()).toBeFocused();
          await tabTo(page, builder.getByRole("button", { name: words.add }));
          await page.keyboard.press("Enter");
          const second = builder.getByRole("group").nth(1);
          await second.getByRole("combobox").first().selectOption("labels");
          await second.getByRole("combobox").nth(2).selectOption(label);
          await builder.getByRole("textbox").fill(viewName.slice(0, 12));
          if (locale === "ru") expect(await untranslated(page, await userData())).toEqual([]);
          await shoot(page, `workflow-filter-builder-${at}`);
          await page.keyboard.press("Escape");
          await expect(builder).toHaveCount(0);
          await expect(open).toBeFocused();

          // The bulk toolbar: two cards selected from the keyboard.
          for (const name of names.slice(0, 2)) {
            const card = list.locator("a[data-conversation-id]").filter({ hasText: name });
            const box = list.getByRole("checkbox", { name: new RegExp(`[#№]${await card.getAttribute("data-conversation-id")}$`) });
            await box.focus();
            await page.keyboard.press("Space");
            await expect(box).toBeChecked();
          }
          const toolbar = page.getByRole("toolbar", { name: words.toolbar });
          await expect(toolbar).toBeVisible();
          await toolbar.getByRole("button").first().focus();
          await page.keyboard.press("Tab");
          await expect(toolbar.getByRole("button").nth(1)).toBeFocused();
          if (locale === "ru") expect(await untranslated(page, await userData())).toEqual([]);
          await shoot(page, `workflow-bulk-toolbar-${at}`);
          const macro = toolbar.getByRole("button", { name: words.macro });
          await tabTo(page, macro);
          await page.keyboard.press("Enter");
          await expect(page.getByRole("menu")).toBeVisible();
          await page.keyboard.press("Escape");
          await expect(page.getByRole("menu")).toHaveCount(0);
          await expect(macro).toBeFocused();

          // The saved views in the sidebar (behind the menu button on a narrow screen).
          const sidebar = page.getByRole("navigation", { name: words.sidebar });
          if (width < 1024) {
            const menu = list.getByRole("button", { name: words.menu });
            await menu.focus();
            await page.keyboard.press("Enter");
            // The menu takes the focus (on its current view), so Tab walks the sidebar next.
            await expect(sidebar.locator("a:focus")).toHaveCount(1);
          }
          const viewLink = sidebar.getByRole("list", { name: words.views }).getByRole("link", { name: viewName });
          await expect(viewLink).toBeVisible();
          await viewLink.focus();
          await page.keyboard.press("Enter");
          await expect(page).toHaveURL(/filter_id=\d+/);
          if (width < 1024) {
            // Choosing closes the narrow menu and the focus is back on its button; open it again for the picture.
            const menu = list.getByRole("button", { name: words.menu });
            await expect(menu).toBeFocused();
            await page.keyboard.press("Enter");
          }
          await expect(viewLink).toHaveAttribute("aria-current", "page");
          await expect(viewLink).toBeFocused();
          if (locale === "ru") expect(await untranslated(page, await userData())).toEqual([]);
          await shoot(page, `workflow-saved-views-${at}`);
          if (width < 1024) {
            await page.keyboard.press("Escape");
            await expect(viewLink).toBeHidden();
            await expect(list.getByRole("button", { name: words.menu })).toBeFocused();
          }

          // The conversation header: the labels and team buttons show icons, not missing glyphs.
          await page.goto(`/app/accounts/${w.accountId}/conversations?inbox_id=${inbox.id}&conversation=${displayId}`);
          const pane = page.getByRole("region", { name: locale === "en" ? "Conversation" : "Диалог", exact: true });
          const labels = pane.getByRole("button", { name: words.labels, exact: true });
          await expect(labels).toBeVisible();
          await expect(labels.locator("svg")).toHaveCount(1);
          await labels.focus();
          await page.keyboard.press("Enter");
          await expect(page.getByRole("menu")).toBeVisible();
          await page.keyboard.press("Escape");
          await expect(labels).toBeFocused();
          if (width === 1440) await shoot(page, `workflow-conversation-header-${at}`);

          // The contacts list's filter builder: opened from the keyboard, Escape returns to its button.
          await page.goto(`/app/accounts/${w.accountId}/contacts`);
          const filter = page.getByRole("button", { name: words.filter, exact: true });
          await tabTo(page, filter);
          await page.keyboard.press("Enter");
          const contactFilter = page.getByRole("form", { name: words.contactFilter });
          await expect(contactFilter.getByRole("combobox").first()).toBeFocused();
          if (locale === "ru") {
            // The table holds other specs' contacts (user data): the builder's own words are checked,
            // less the names people gave (other specs' custom attributes appear among its keys).
            let own = await contactFilter.evaluate((form) =>
              [...form.querySelectorAll("button, legend, [aria-label]")].flatMap((el) => [el.textContent ?? "", el.getAttribute("aria-label") ?? ""]).join(" "),
            );
            for (const data of await userData()) own = own.split(data).join(" ");
            expect(own.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
          }
          await shoot(page, `workflow-contact-filter-${at}`);
          await page.keyboard.press("Escape");
          await expect(contactFilter).toHaveCount(0);
          await expect(filter).toBeFocused();
        }
      }
      await page.emulateMedia({ colorScheme: "light" });
    });
  }
});
