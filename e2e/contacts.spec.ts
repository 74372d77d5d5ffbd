import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { setUpSpecInbox } from "./support/spec-inbox";

/**
 * The contacts workspace end to end (K3, K5, K6, K7): a phone edited from the conversation's panel
 * (a taken one names its holder), two contacts merged from the contact page, a CSV with one bad row
 * refused with that row's error, custom attributes defined in settings, and a conversation attribute
 * set by an agent in the conversation's panel. With
 * PARLEY_SCREENSHOTS_DIR set, the screens are photographed in light and dark for docs/screenshots/.
 */
const shots = process.env.PARLEY_SCREENSHOTS_DIR;
async function shoot(page: Page, name: string) {
  if (!shots) return;
  await page.setViewportSize({ width: 1440, height: 900 });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${shots}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 720 });
}

const tag = () => randomBytes(4).toString("hex");
const digits = () => String(Math.floor(1e8 + Math.random() * 9e8));

test.describe("contacts (K3, K5, K6, K7)", () => {
  const spec = setUpSpecInbox({ name: "E2E contacts", autoAssignment: false, agentMembers: true });
  const headers = () => ({ api_access_token: spec.apiToken });

  async function createContact(request: APIRequestContext, fields: Record<string, unknown>): Promise<{ id: number; name: string }> {
    const res = await request.post(`/api/v1/accounts/${spec.accountId}/contacts`, { headers: headers(), data: fields });
    expect(res.status()).toBe(200);
    return ((await res.json()) as { payload: { contact: { id: number; name: string } } }).payload.contact;
  }
  async function storedContact(request: APIRequestContext, id: number): Promise<{ status: number; phone_number?: string | null }> {
    const res = await request.get(`/api/v1/accounts/${spec.accountId}/contacts/${id}`, { headers: headers() });
    return { status: res.status(), ...(res.ok() ? ((await res.json()) as { payload: { phone_number: string | null } }).payload : {}) };
  }

  test("the phone is edited from the conversation's contact panel; a taken one names its holder (K3)", async ({ page, request, signIn, seededAdmin }) => {
    const holder = await createContact(request, { name: `Phone Holder ${tag()}`, phone_number: `+7916${digits().slice(0, 7)}` });
    const taken = (await storedContact(request, holder.id)).phone_number!;
    const base = `/public/api/v1/inboxes/${spec.websiteToken}`;
    const created = await request.post(`${base}/contacts`, { data: { name: `Panel Visitor ${tag()}` } });
    const { source_id: sourceId, id: contactId } = (await created.json()) as { source_id: string; id: number };
    const conversation = await request.post(`${base}/contacts/${sourceId}/conversations`, { data: {} });
    const { id: displayId } = (await conversation.json()) as { id: number };
    await request.post(`${base}/contacts/${sourceId}/conversations/${displayId}/messages`, { data: { content: "Call me back please" } });

    await signIn(seededAdmin);
    await page.setViewportSize({ width: 1440, height: 900 });
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, displayId);
    await expect(pane.message("Call me back please")).toBeVisible();
    if ((await pane.contactToggle.getAttribute("aria-expanded")) !== "true") await pane.contactToggle.click();
    await expect(pane.contactPanel).toBeVisible();
    const panel = pane.contactPanel;

    await panel.getByRole("button", { name: "Edit Phone" }).click();
    await panel.getByLabel("Phone", { exact: true }).fill(taken);
    await panel.getByRole("button", { name: "Save" }).click();
    const alert = panel.getByRole("alert");
    await expect(alert).toContainText("taken");
    await expect(alert.getByRole("link", { name: holder.name })).toHaveAttribute("href", `/app/accounts/${spec.accountId}/contacts/${holder.id}`);
    expect((await storedContact(request, contactId)).phone_number ?? null).toBeNull();

    const mine = `+4915${digits()}`;
    await panel.getByLabel("Phone", { exact: true }).fill(mine);
    await panel.getByRole("button", { name: "Save" }).click();
    await expect(panel.getByText(mine)).toBeVisible();
    await expect.poll(async () => (await storedContact(request, contactId)).phone_number).toBe(mine);
  });

  test("two contacts are merged from the contact page (K6)", async ({ page, request, signIn, seededAdmin }) => {
    const t = tag();
    const base = await createContact(request, { name: `Merge Base ${t}`, email: `base-${t}@example.test` });
    const mergee = await createContact(request, { name: `Merge Other ${t}`, email: `other-${t}@example.test`, phone_number: `+4930${digits()}` });
    await signIn(seededAdmin);
    await page.goto(`/app/accounts/${spec.accountId}/contacts/${base.id}`);
    await expect(page.getByRole("heading", { name: base.name })).toBeVisible();
    await shoot(page, "contact-page");

    const merge = page.getByRole("region", { name: "Merge" });
    await merge.getByRole("searchbox", { name: "Find the contact to merge in" }).fill(`other-${t}`);
    await merge.getByRole("button", { name: new RegExp(mergee.name) }).click();
    page.once("dialog", (d) => void d.accept());
    await merge.getByRole("button", { name: "Merge", exact: true }).click();
    await expect(merge.getByRole("status")).toContainText(`${mergee.name} was merged into this contact.`);
    await expect.poll(async () => (await storedContact(request, mergee.id)).status).toBe(404);
    await expect.poll(async () => (await storedContact(request, base.id)).phone_number).toMatch(/^\+4930/);
  });

  test("a CSV with one bad row imports nothing and shows that row's error (K5, K6)", async ({ page, request, signIn, seededAdmin }) => {
    const t = tag();
    await signIn(seededAdmin);
    await page.goto(`/app/accounts/${spec.accountId}/contacts`);
    await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
    await page.getByRole("button", { name: "Import CSV" }).click();
    const form = page.getByRole("form", { name: "Import contacts" });
    const csv = `name,email,phone_number\nGood ${t},good-${t}@example.test,\nBad ${t},not-an-email,\n`;
    await form.getByLabel("CSV file").setInputFiles({ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await form.getByRole("button", { name: "Import" }).click();
    const alert = form.getByRole("alert");
    await expect(alert).toContainText("nothing was imported");
    const row = alert.getByRole("row").filter({ hasText: "email" });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell").first()).toHaveText("3");
    const found = await request.get(`/api/v1/accounts/${spec.accountId}/contacts/search?q=${encodeURIComponent(`good-${t}`)}`, { headers: headers() });
    expect(((await found.json()) as { payload: unknown[] }).payload).toHaveLength(0);

    // K5: search and a sortable column header.
    await page.getByRole("searchbox", { name: "Search contacts" }).fill("Merge Base");
    await page.getByRole("columnheader", { name: "Name" }).getByRole("button").click();
    await expect(page.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "ascending");
    await page.getByRole("searchbox", { name: "Search contacts" }).fill("");
    await shoot(page, "contacts-list");
  });

  test("custom attributes are defined in settings and edited by type on the contact page (K7)", async ({ page, request, signIn, seededAdmin }) => {
    const t = tag();
    const contact = await createContact(request, { name: `Attr Person ${t}`, email: `attr-${t}@example.test` });
    await signIn(seededAdmin);
    await page.goto(`/app/accounts/${spec.accountId}/settings/custom-attributes`);
    const form = page.getByRole("form", { name: "New attribute" });
    await form.getByLabel("Display name").fill(`Tier ${t}`);
    await form.getByLabel("Type").selectOption("list");
    await form.getByLabel("List values").fill("gold, silver");
    await form.getByRole("button", { name: "Add attribute" }).click();
    const list = page.getByRole("list", { name: "Attributes" });
    await expect(list.getByText(`Tier ${t}`)).toBeVisible();
    await shoot(page, "settings-custom-attributes");

    await page.goto(`/app/accounts/${spec.accountId}/contacts/${contact.id}`);
    const details = page.getByRole("region", { name: "Details" });
    await details.getByRole("button", { name: `Edit Tier ${t}` }).click();
    await details.getByLabel(`Tier ${t}`).selectOption("gold");
    await details.getByRole("button", { name: "Save" }).click();
    await expect(details.getByText("gold", { exact: true })).toBeVisible();
    const stored = await request.get(`/api/v1/accounts/${spec.accountId}/contacts/${contact.id}`, { headers: headers() });
    expect(((await stored.json()) as { payload: { custom_attributes: Record<string, unknown> } }).payload.custom_attributes[`tier_${t}`]).toBe("gold");
  });

  test("an administrator defines a conversation attribute; an agent sets it in the panel and a reload shows it (K7)", async ({ page, request, signIn, seededAdmin, seededAgent }) => {
    test.slow(); // two people sign in, one after the other
    const t = tag();
    const base = `/public/api/v1/inboxes/${spec.websiteToken}`;
    const created = await request.post(`${base}/contacts`, { data: { name: `Attr Visitor ${t}` } });
    const { source_id: sourceId } = (await created.json()) as { source_id: string };
    const conversation = await request.post(`${base}/contacts/${sourceId}/conversations`, { data: {} });
    const { id: displayId } = (await conversation.json()) as { id: number };
    await request.post(`${base}/contacts/${sourceId}/conversations/${displayId}/messages`, { data: { content: `Seats for order ${t}?` } });

    await signIn(seededAdmin);
    await page.goto(`/app/accounts/${spec.accountId}/settings/custom-attributes`);
    const form = page.getByRole("form", { name: "New attribute" });
    await form.getByLabel("Display name").fill(`Seats ${t}`);
    await form.getByLabel("Type").selectOption("number");
    await form.getByLabel("Applies to").selectOption("conversation_attribute");
    await form.getByRole("button", { name: "Add attribute" }).click();
    await expect(page.getByRole("list", { name: "Attributes" }).getByText(`Seats ${t}`)).toBeVisible();

    await page.context().clearCookies();
    await signIn(seededAgent);
    await page.setViewportSize({ width: 1440, height: 900 });
    const pane = new ConversationPage(page);
    const attributes = () => pane.contactPanel.getByRole("region", { name: "Conversation attributes" });
    const openPanel = async (navigate: boolean) => {
      if (navigate) await pane.open(spec.accountId, displayId);
      await expect(pane.message(`Seats for order ${t}?`)).toBeVisible();
      if ((await pane.contactToggle.getAttribute("aria-expanded")) !== "true") await pane.contactToggle.click();
      await expect(attributes()).toBeVisible();
    };
    await openPanel(true);
    // Keyboard only: the edit button, the value, Enter.
    await attributes()
      .getByRole("button", { name: `Edit Seats ${t}` })
      .focus();
    await page.keyboard.press("Enter");
    await expect(attributes().getByLabel(`Seats ${t}`)).toBeFocused();
    await page.keyboard.type("12");
    await page.keyboard.press("Enter");
    await expect(attributes().getByText("12", { exact: true })).toBeVisible();
    await expect(attributes().getByRole("button", { name: `Edit Seats ${t}` })).toBeFocused();
    await shoot(page, "conversation-attributes");

    await page.reload();
    await openPanel(false);
    await expect(attributes().getByText("12", { exact: true })).toBeVisible();
    const stored = await request.get(`/api/v1/accounts/${spec.accountId}/conversations/${displayId}`, { headers: headers() });
    expect(((await stored.json()) as { custom_attributes: Record<string, unknown> }).custom_attributes).toEqual({ [`seats_${t}`]: 12 });
  });

  test("a filter built in the list is saved as a contact filter and chosen again (K5)", async ({ page, request, signIn, seededAdmin }) => {
    const t = tag();
    await createContact(request, { name: `Filter Person ${t}`, email: `filter-${t}@example.test`, additional_attributes: { city: `Town${t}` } });
    await signIn(seededAdmin);
    await page.goto(`/app/accounts/${spec.accountId}/contacts`);
    await page.getByRole("button", { name: "Filter" }).click();
    const builder = page.getByRole("form", { name: "Contact filter" });
    await builder.getByLabel("Attribute").selectOption("city");
    await builder.getByLabel("Operator").selectOption("equal_to");
    await builder.getByLabel("Value").fill(`Town${t}`);
    await builder.getByRole("button", { name: "Apply filter" }).click();
    const table = page.getByRole("table", { name: "Contacts" });
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table.getByRole("link", { name: `Filter Person ${t}` })).toBeVisible();

    page.once("dialog", (d) => void d.accept(`Town ${t}`));
    await builder.getByRole("button", { name: "Save as filter…" }).click();
    const saved = page.getByRole("combobox", { name: "Saved filters" });
    await expect(saved).toHaveValue(/\d+/);
    await saved.selectOption({ label: "All contacts" });
    await expect(table.getByRole("row")).not.toHaveCount(2);
    await saved.selectOption({ label: `Town ${t}` });
    await expect(table.getByRole("row")).toHaveCount(2);
  });

  test("an unsaved contact filter lives in the URL: a reload keeps it and back returns to every contact (K5)", async ({ page, request, signIn, seededAdmin }) => {
    const t = tag();
    await createContact(request, { name: `Url Person ${t}`, email: `url-${t}@example.test`, additional_attributes: { city: `Burg${t}` } });
    await signIn(seededAdmin);
    await page.goto(`/app/accounts/${spec.accountId}/contacts`);
    const table = page.getByRole("table", { name: "Contacts" });
    await expect(table.getByRole("row").nth(2)).toBeVisible();
    await page.getByRole("button", { name: "Filter" }).click();
    const builder = page.getByRole("form", { name: "Contact filter" });
    await expect(builder.getByLabel("Attribute")).toBeFocused();
    await builder.getByLabel("Attribute").selectOption("city");
    await builder.getByLabel("Operator").selectOption("equal_to");
    await builder.getByLabel("Value").fill(`Burg${t}`);
    await builder.getByRole("button", { name: "Apply filter" }).click();
    await expect(page).toHaveURL(/[?&]filter=/);
    await expect(table.getByRole("row")).toHaveCount(2);

    await page.reload();
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table.getByRole("link", { name: `Url Person ${t}` })).toBeVisible();
    await page.getByRole("button", { name: "Filter (1 condition)" }).click();
    await expect(builder.getByLabel("Attribute")).toHaveValue("city");
    await expect(builder.getByLabel("Value")).toHaveValue(`Burg${t}`);
    await page.keyboard.press("Escape");
    await expect(builder).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Filter (1 condition)" })).toBeFocused();

    await page.goBack();
    await expect(page).toHaveURL(/\/contacts$/);
    await expect(page.getByRole("button", { name: "Filter", exact: true })).toBeVisible();
    await expect(table.getByRole("row").nth(2)).toBeVisible();

    // A malformed filter= is ignored: every contact.
    await page.goto(`/app/accounts/${spec.accountId}/contacts?filter=${encodeURIComponent("[{nope")}`);
    await expect(page.getByRole("button", { name: "Filter", exact: true })).toBeVisible();
    await expect(table.getByRole("row").nth(2)).toBeVisible();
  });

  test("a contact filter= the server refuses is dropped from the URL and every contact shows; the builder keeps one with its reason (K5)", async ({ page, request, signIn, seededAdmin }) => {
    const t = tag();
    await createContact(request, { name: `Refused Person ${t}`, email: `refused-${t}@example.test` });
    await signIn(seededAdmin);
    const table = page.getByRole("table", { name: "Contacts" });
    const refused = [
      // Well-formed, but an attribute the account does not have, and a date that is none.
      [{ attribute_key: `shoe_size_${t}`, filter_operator: "equal_to", values: ["9"], query_operator: null }],
      [{ attribute_key: "created_at", filter_operator: "is_greater_than", values: ["yesterday-ish"], query_operator: null }],
    ];
    for (const conditions of refused) {
      await page.goto(`/app/accounts/${spec.accountId}/contacts?filter=${encodeURIComponent(JSON.stringify(conditions))}`);
      await expect(page).toHaveURL(/\/contacts$/);
      await expect(page.getByRole("button", { name: "Filter", exact: true })).toBeVisible();
      await expect(table.getByRole("link", { name: `Refused Person ${t}` })).toBeVisible();
      await expect(table.getByRole("alert")).toHaveCount(0);
    }

    // Applied from the builder, a refused filter never reaches the address: the builder says why.
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    const builder = page.getByRole("form", { name: "Contact filter" });
    await builder.getByLabel("Attribute").selectOption("created_at");
    await builder.getByLabel("Operator").selectOption("is_greater_than");
    await builder.getByRole("button", { name: "Apply filter" }).click();
    await expect(builder.getByRole("alert")).toContainText("dates");
    await expect(page).toHaveURL(/\/contacts$/);
    await expect(table.getByRole("link", { name: `Refused Person ${t}` })).toBeVisible();
  });
});
