import type { Locator, Page } from "@playwright/test";

/** The operator app's three columns, found by their landmarks (SPEC U2). */
export class OperatorAppPage {
  readonly sidebar: Locator;
  readonly conversations: Locator;
  readonly conversation: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole("navigation", { name: "Sidebar" });
    this.conversations = page.getByRole("region", { name: "Conversations", exact: true });
    this.conversation = page.getByRole("region", { name: "Conversation", exact: true });
  }

  /** Switches the list to one of the sidebar's views; their links carry a count after the name. */
  async showView(view: "Mine" | "Unassigned" | "All"): Promise<void> {
    await this.sidebar.getByRole("link", { name: new RegExp(`^${view}\\b`) }).click();
  }

  /** A conversation card in the list, by its contact's name. */
  conversationWith(contactName: string): Locator {
    return this.conversations.getByText(contactName, { exact: true });
  }
}
