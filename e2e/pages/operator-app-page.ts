import type { Locator, Page } from "@playwright/test";

/** The operator app's three columns, found by their landmarks (SPEC U2). */
export class OperatorAppPage {
  readonly sidebar: Locator;
  readonly conversations: Locator;
  readonly conversation: Locator;
  /** The list's cards: links that carry the conversation's number. */
  readonly cards: Locator;
  readonly reconnecting: Locator;
  readonly shortcuts: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole("navigation", { name: "Sidebar" });
    this.conversations = page.getByRole("region", { name: "Conversations", exact: true });
    this.conversation = page.getByRole("region", { name: "Conversation", exact: true });
    this.cards = this.conversations.locator("a[data-conversation-id]");
    this.reconnecting = page.getByRole("status").filter({ hasText: /^Reconnecting…$/ });
    this.shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  }

  /**
   * Resolves once the app has hydrated: it opens its event stream from an effect, so the stream's
   * answer means clicks and key presses now reach React (before that the page is server HTML only).
   */
  waitForLive(): Promise<unknown> {
    return this.page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/stream" && r.status() === 200);
  }

  /** Opens the app at a place (`?inbox_id=…&status=…`) of the seeded account, ready for input. */
  async goto(accountId: number, query = ""): Promise<void> {
    const live = this.waitForLive();
    await this.page.goto(`/app/accounts/${accountId}/conversations${query}`);
    await live;
  }

  /** Switches the list to one of the sidebar's views; their links carry a count after the name. */
  async showView(view: "Mine" | "Unassigned" | "All"): Promise<void> {
    await this.sidebar.getByRole("link", { name: new RegExp(`^${view}\\b`) }).click();
  }

  /** A view's count as the sidebar shows it. */
  viewCount(view: "Mine" | "Unassigned" | "All"): Locator {
    return this.sidebar
      .getByRole("link", { name: new RegExp(`^${view}\\b`) })
      .locator("span")
      .nth(1);
  }

  inboxLink(name: string): Locator {
    return this.sidebar.getByRole("link", { name: new RegExp(`^${escape(name)}`) });
  }

  statusTab(name: "Open" | "Pending" | "Snoozed" | "Resolved" | "All"): Locator {
    return this.conversations.getByRole("tab", { name, exact: true });
  }

  async sortBy(label: "Last activity" | "Created" | "Priority" | "Waiting longest"): Promise<void> {
    await this.conversations.getByRole("combobox", { name: "Sort by" }).selectOption({ label });
  }

  /** A conversation card in the list, by its contact's name. */
  conversationWith(contactName: string): Locator {
    return this.conversations.getByText(contactName, { exact: true });
  }

  card(contactName: string): Locator {
    return this.cards.filter({ has: this.page.getByText(contactName, { exact: true }) });
  }

  /** The contact names on the cards, top to bottom. */
  async names(): Promise<string[]> {
    return this.cards.evaluateAll((cards) =>
      cards
        .map((c) => ({ top: c.getBoundingClientRect().top, name: c.querySelector('[data-field="contact"]')?.textContent ?? "" }))
        .sort((a, b) => a.top - b.top)
        .map((c) => c.name),
    );
  }

  /** The selected card (aria-current). */
  readonly selected = () => this.cards.and(this.page.locator('[aria-current="true"]'));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
