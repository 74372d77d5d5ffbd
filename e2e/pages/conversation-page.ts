import type { Locator, Page } from "@playwright/test";

/** The open conversation (SPEC U1, U2): its header, thread and contact panel, found by role and name. */
export class ConversationPage {
  readonly pane: Locator;
  readonly thread: Locator;
  readonly status: Locator;
  readonly contactPanel: Locator;
  readonly contactToggle: Locator;
  readonly composer: Locator;
  /** The thread's scrolling box. */
  readonly scroller: Locator;

  constructor(readonly page: Page) {
    this.pane = page.getByRole("region", { name: "Conversation", exact: true });
    this.thread = this.pane.getByRole("list", { name: "Messages" });
    this.status = this.pane.getByTestId("conversation-status");
    this.contactPanel = page.getByRole("complementary", { name: "Contact" });
    this.contactToggle = this.pane.getByRole("button", { name: "Contact details", exact: true });
    this.composer = this.pane.getByRole("textbox", { name: "Message" });
    this.scroller = this.pane.getByTestId("thread-scroller");
  }

  /** Opens a conversation straight from its URL (the shell keeps the place in `?conversation=`). */
  async open(accountId: number, displayId: number): Promise<void> {
    await this.page.goto(`/app/accounts/${accountId}/conversations?status=all&conversation=${displayId}`);
  }

  button(name: "Resolve" | "Reopen"): Locator {
    return this.pane.getByRole("button", { name, exact: true });
  }

  async snooze(preset: "1 hour" | "Tomorrow" | "Next week" | "Until next reply"): Promise<void> {
    await this.pane.getByRole("button", { name: "Snooze" }).click();
    await this.pane.getByRole("menuitem", { name: preset }).click();
  }

  async setPriority(label: "None" | "Low" | "Medium" | "High" | "Urgent"): Promise<void> {
    await this.pane.getByRole("button", { name: /^Priority: / }).click();
    await this.pane.getByRole("menuitemradio", { name: label }).click();
  }

  /** The assignee picker: types to filter, then picks the agent (or "Unassigned"). */
  async assign(name: string): Promise<void> {
    await this.pane.getByRole("button", { name: /^Assignee: / }).click();
    await this.pane.getByRole("textbox", { name: "Filter agents" }).fill(name === "Unassigned" ? "" : name.split(" ")[0]!);
    await this.pane.getByRole("menuitemradio", { name: new RegExp(`^${name}`) }).click();
  }

  assigneeButton(): Locator {
    return this.pane.getByRole("button", { name: /^Assignee: / });
  }

  /** A message in the thread by its text; private notes and messages are articles named by sender. */
  message(text: string): Locator {
    return this.thread.getByRole("article").filter({ hasText: text });
  }

  typing(name: string): Locator {
    return this.pane.getByText(`${name} is typing…`);
  }
}
