import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation-page";
import { setUpSpecInbox } from "./support/spec-inbox";

/**
 * Team workflow journeys (docs/workflow.md): label a conversation from its pane and find it in the
 * label's sidebar view; a team's sidebar view lists only the team's conversations; three
 * conversations resolved at once from the list's bulk toolbar (WF5); a filter built in the list and
 * saved as a view that a fresh page opens (WF3, WF4); an unsaved filter kept in the URL through a
 * reload and back/forward, malformed ones ignored (U1); a macro run from the bulk toolbar (MA2).
 */
const token = () => randomBytes(6).toString("hex");

/** Opens the list's filter builder; row 1 starts as "Status is Open", row 2 becomes "Labels is <title>". */
async function openBuilderWithLabel(page: Page, title: string) {
  await page.getByRole("region", { name: "Conversations", exact: true }).getByRole("button", { name: "Filter", exact: true }).click();
  const builder = page.getByRole("region", { name: "Filter conversations" });
  await builder.getByRole("button", { name: "Add condition" }).click();
  const second = builder.getByRole("group", { name: "Condition 2" });
  await second.getByRole("combobox", { name: "Attribute" }).selectOption({ label: "Labels" });
  await second.getByRole("combobox", { name: "Value" }).selectOption(title);
  return builder;
}

test.describe("team workflow (WF2–WF5, MA2)", () => {
  const spec = setUpSpecInbox({ name: "E2E workflow", autoAssignment: false });

  const app = (request: APIRequestContext, method: "GET" | "POST", path: string, data?: unknown) =>
    request.fetch(`/api/v1/accounts/${spec.accountId}${path}`, { method, headers: { api_access_token: spec.apiToken }, data });

  async function visitor(request: APIRequestContext, prefix: string) {
    const base = `/public/api/v1/inboxes/${spec.websiteToken}`;
    const name = `${prefix} ${token()}`;
    const created = await request.post(`${base}/contacts`, { data: { name } });
    const { source_id: sourceId } = (await created.json()) as { source_id: string };
    const conversation = await request.post(`${base}/contacts/${sourceId}/conversations`, { data: {} });
    expect(conversation.status()).toBe(200);
    const { id: displayId } = (await conversation.json()) as { id: number };
    await request.post(`${base}/contacts/${sourceId}/conversations/${displayId}/messages`, { data: { content: `hello from ${name}` } });
    return { name, displayId };
  }

  test("label a conversation from its pane and find it in the label's view", async ({ page, request, signIn, seededAdmin }) => {
    const title = `wf-${token()}`;
    expect((await app(request, "POST", "/labels", { title, color: "#e11d48", show_on_sidebar: true })).status()).toBe(200);
    const v = await visitor(request, "Labelled");
    const other = await visitor(request, "Unlabelled");
    await signIn(seededAdmin);
    const pane = new ConversationPage(page);
    await pane.open(spec.accountId, v.displayId);
    await pane.pane.getByRole("button", { name: "Labels", exact: true }).click();
    await page.getByRole("textbox", { name: "Filter labels" }).fill(title.slice(0, 8));
    await page.getByRole("textbox", { name: "Filter labels" }).press("Enter");
    await expect(pane.pane.getByTestId("conversation-labels").getByText(title)).toBeVisible();
    await expect.poll(async () => ((await (await app(request, "GET", `/conversations/${v.displayId}/labels`)).json()) as { payload: string[] }).payload).toEqual([title]);

    await page.getByRole("navigation", { name: "Sidebar" }).getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(new RegExp(`label=${title}`));
    const list = page.getByRole("region", { name: "Conversations", exact: true });
    await expect(list.getByText(v.name, { exact: true })).toBeVisible();
    await expect(list.getByText(other.name, { exact: true })).toHaveCount(0);
  });

  test("a team's view lists only the team's conversations", async ({ page, request, signIn, seededAdmin }) => {
    const created = await app(request, "POST", "/teams", { name: `Team ${token()}`, allow_auto_assign: false });
    expect(created.status()).toBe(200);
    const team = (await created.json()) as { id: number; name: string };
    const me = (await (await request.get("/api/v1/profile", { headers: { api_access_token: spec.apiToken } })).json()) as { id: number };
    expect((await app(request, "POST", `/teams/${team.id}/team_members`, { user_ids: [me.id] })).status()).toBe(200);
    const onTeam = await visitor(request, "Teamed");
    const offTeam = await visitor(request, "Teamless");
    expect((await app(request, "POST", `/conversations/${onTeam.displayId}/assignments`, { team_id: team.id })).status()).toBe(200);

    await signIn(seededAdmin);
    await page.getByRole("navigation", { name: "Sidebar" }).getByRole("link", { name: team.name }).click();
    await expect(page).toHaveURL(new RegExp(`team_id=${team.id}`));
    const list = page.getByRole("region", { name: "Conversations", exact: true });
    await expect(list.getByText(onTeam.name, { exact: true })).toBeVisible();
    await expect(list.getByText(offTeam.name, { exact: true })).toHaveCount(0);
    await list.getByText(onTeam.name, { exact: true }).click();
    await expect(new ConversationPage(page).pane.getByTestId("conversation-team")).toHaveText(team.name);
  });

  test("bulk-resolve three conversations from the list", async ({ page, request, signIn, seededAdmin }) => {
    const three = [await visitor(request, "Bulk"), await visitor(request, "Bulk"), await visitor(request, "Bulk")];
    await signIn(seededAdmin);
    await page.goto(`/app/accounts/${spec.accountId}/conversations?status=open&inbox_id=${spec.inboxId}`);
    const list = page.getByRole("region", { name: "Conversations", exact: true });
    for (const v of three) await list.getByRole("checkbox", { name: `Select conversation #${v.displayId}` }).click();
    const toolbar = page.getByRole("toolbar", { name: "Bulk actions" });
    await expect(toolbar.getByTestId("bulk-count")).toHaveText("3 selected");
    await toolbar.getByRole("button", { name: "Resolve" }).click();
    await expect(page.getByRole("status").filter({ hasText: "3 conversations updated" })).toBeVisible();
    for (const v of three) {
      await expect.poll(async () => ((await (await app(request, "GET", `/conversations/${v.displayId}`)).json()) as { status: string }).status).toBe("resolved");
      await expect(list.getByText(v.name, { exact: true })).toHaveCount(0);
    }
  });

  test("build a filter (label and status), save it as a view, open the view in a fresh page", async ({ page, request, signIn, seededAdmin }) => {
    const title = `view-${token()}`;
    expect((await app(request, "POST", "/labels", { title, color: "#0ea5e9", show_on_sidebar: false })).status()).toBe(200);
    const match = await visitor(request, "Matching");
    const resolved = await visitor(request, "Resolved");
    const unlabelled = await visitor(request, "Plain");
    for (const v of [match, resolved]) expect((await app(request, "POST", `/conversations/${v.displayId}/labels`, { labels: [title] })).status()).toBe(200);
    expect((await app(request, "POST", `/conversations/${resolved.displayId}/toggle_status`, { status: "resolved" })).status()).toBe(200);

    await signIn(seededAdmin);
    await page.goto(`/app/accounts/${spec.accountId}/conversations`);
    const list = page.getByRole("region", { name: "Conversations", exact: true });
    const builder = await openBuilderWithLabel(page, title);
    // A condition the server refuses says why next to its row.
    await builder.getByRole("button", { name: "Add condition" }).click();
    const third = builder.getByRole("group", { name: "Condition 3" });
    await third.getByRole("combobox", { name: "Attribute" }).selectOption({ label: "Conversation number" });
    await builder.getByRole("button", { name: "Apply" }).click();
    await expect(third.getByRole("alert")).toContainText("condition 3 (display_id)");
    await builder.getByRole("button", { name: "Remove condition 3" }).click();
    await builder.getByRole("button", { name: "Apply" }).click();
    await expect(builder).toHaveCount(0);
    await expect(list.getByText(match.name, { exact: true })).toBeVisible();
    await expect(list.getByText(resolved.name, { exact: true })).toHaveCount(0);
    await expect(list.getByText(unlabelled.name, { exact: true })).toHaveCount(0);

    const viewName = `Open ${title}`;
    await list.getByRole("button", { name: "Edit filter" }).click();
    await builder.getByRole("textbox", { name: "View name" }).fill(viewName);
    await builder.getByRole("button", { name: "Save as view" }).click();
    await expect(page).toHaveURL(/filter_id=\d+/);
    const link = page.getByRole("navigation", { name: "Sidebar" }).getByRole("link", { name: viewName });
    await expect(link).toHaveAttribute("aria-current", "page");

    const fresh = await page.context().newPage();
    await fresh.goto((await link.getAttribute("href"))!);
    const freshList = fresh.getByRole("region", { name: "Conversations", exact: true });
    await expect(freshList.getByRole("heading", { level: 1 })).toHaveText(viewName);
    await expect(freshList.getByText(match.name, { exact: true })).toBeVisible();
    await expect(freshList.getByText(resolved.name, { exact: true })).toHaveCount(0);
    await expect(freshList.getByText(unlabelled.name, { exact: true })).toHaveCount(0);
    await fresh.close();
  });

  test("an unsaved filter lives in the URL: a reload keeps it, back returns to the list (U1, WF3)", async ({ page, request, signIn, seededAdmin }) => {
    const title = `url-${token()}`;
    expect((await app(request, "POST", "/labels", { title, color: "#a855f7", show_on_sidebar: false })).status()).toBe(200);
    const match = await visitor(request, "Linked");
    const plain = await visitor(request, "Unlinked");
    expect((await app(request, "POST", `/conversations/${match.displayId}/labels`, { labels: [title] })).status()).toBe(200);

    await signIn(seededAdmin);
    const start = `/app/accounts/${spec.accountId}/conversations?inbox_id=${spec.inboxId}`;
    await page.goto(start);
    const list = page.getByRole("region", { name: "Conversations", exact: true });
    await expect(list.getByText(plain.name, { exact: true })).toBeVisible();
    const builder = await openBuilderWithLabel(page, title);
    await builder.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]filter=/);
    await expect(list.getByText(match.name, { exact: true })).toBeVisible();
    await expect(list.getByText(plain.name, { exact: true })).toHaveCount(0);

    // A reload (as a shared link would) renders the same conversations and gives the builder its conditions back.
    await page.reload();
    await expect(list.getByRole("heading", { level: 1 })).toHaveText("Filtered conversations");
    await expect(list.getByText(match.name, { exact: true })).toBeVisible();
    await expect(list.getByText(plain.name, { exact: true })).toHaveCount(0);
    await list.getByRole("button", { name: "Edit filter" }).click();
    await expect(builder.getByRole("group", { name: "Condition 1" }).getByRole("combobox", { name: "Attribute" })).toHaveValue("status");
    await expect(builder.getByRole("group", { name: "Condition 1" }).getByRole("combobox", { name: "Value" })).toHaveValue("open");
    const second = builder.getByRole("group", { name: "Condition 2" });
    await expect(second.getByRole("combobox", { name: "Attribute" })).toHaveValue("labels");
    await expect(second.getByRole("combobox", { name: "Value" })).toHaveValue(title);
    await page.keyboard.press("Escape");
    await expect(builder).toHaveCount(0);
    await expect(list.getByRole("button", { name: "Edit filter" })).toBeFocused();

    // Back returns to the unfiltered list; forward brings the filter again.
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`conversations\\?inbox_id=${spec.inboxId}$`));
    await expect(list.getByText(plain.name, { exact: true })).toBeVisible();
    await expect(list.getByText(match.name, { exact: true })).toBeVisible();
    await expect(list.getByRole("tablist", { name: "Status" })).toBeVisible();
    await page.goForward();
    await expect(list.getByText(plain.name, { exact: true })).toHaveCount(0);
    await expect(list.getByText(match.name, { exact: true })).toBeVisible();
  });

  test("a malformed or refused filter= is ignored: the list opens unfiltered, a refused one leaves the URL (U1, WF3)", async ({ page, request, signIn, seededAdmin }) => {
    const plain = await visitor(request, "Unfiltered");
    await signIn(seededAdmin);
    const start = `/app/accounts/${spec.accountId}/conversations?inbox_id=${spec.inboxId}`;
    const list = page.getByRole("region", { name: "Conversations", exact: true });
    for (const bad of ["[{oops", JSON.stringify([{ attribute_key: "no_such_key", filter_operator: "equal_to", values: ["x"] }])]) {
      const res = await page.goto(`${start}&filter=${encodeURIComponent(bad)}`);
      expect(res?.status()).toBe(200);
      await expect(list.getByText(plain.name, { exact: true })).toBeVisible();
      await expect(list.getByRole("tablist", { name: "Status" })).toBeVisible();
    }
    await expect(page).toHaveURL(new RegExp(`conversations\\?inbox_id=${spec.inboxId}$`));
  });

  test("run a macro on two conversations from the bulk toolbar", async ({ page, request, signIn, seededAdmin }) => {
    const title = `macro-${token()}`;
    expect((await app(request, "POST", "/labels", { title, color: "#16a34a", show_on_sidebar: false })).status()).toBe(200);
    const name = `Triage ${token()}`;
    const created = await app(request, "POST", "/macros", {
      name,
      visibility: "global",
      actions: [{ action_name: "add_label", action_params: [title] }, { action_name: "resolve_conversation" }],
    });
    expect(created.status()).toBe(200);
    const two = [await visitor(request, "Macro"), await visitor(request, "Macro")];
    await signIn(seededAdmin);
    await page.goto(`/app/accounts/${spec.accountId}/conversations?status=open&inbox_id=${spec.inboxId}`);
    const list = page.getByRole("region", { name: "Conversations", exact: true });
    for (const v of two) await list.getByRole("checkbox", { name: `Select conversation #${v.displayId}` }).click();
    const toolbar = page.getByRole("toolbar", { name: "Bulk actions" });
    await toolbar.getByRole("button", { name: "Run macro" }).click();
    await page.getByRole("menu", { name: "Run macro" }).getByRole("menuitem", { name }).click();
    await expect(page.getByRole("status").filter({ hasText: `Macro “${name}” ran on 2 conversations` })).toBeVisible();
    for (const v of two) {
      await expect
        .poll(async () => {
          const c = (await (await app(request, "GET", `/conversations/${v.displayId}`)).json()) as { status: string; labels: string[] };
          return [c.status, c.labels];
        })
        .toEqual(["resolved", [title]]);
      await expect(list.getByText(v.name, { exact: true })).toHaveCount(0);
    }
  });
});
