import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type FrameLocator, type Locator, type Page } from "@playwright/test";

/**
 * A third party's website on its own origin (http://localhost:<port>, while Parley is on 127.0.0.1):
 * a static page with the embed snippet of SPEC W1. `script` runs after the snippet (e.g. Parley.setUser).
 */
export class ThirdPartySite {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start({
    parleyUrl,
    websiteToken,
    host = "localhost",
    script = "",
    settings = {},
    html: custom,
  }: {
    parleyUrl: string;
    websiteToken: string;
    host?: string;
    script?: string;
    settings?: Record<string, unknown>;
    /** The whole page instead of Parley's snippet (e.g. Chatwoot's own snippet pointed at Parley). */
    html?: string;
  }): Promise<ThirdPartySite> {
    const html =
      custom ??
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title></head><body><h1>Acme shop</h1>
<script>window.parleySettings = { websiteToken: ${JSON.stringify(websiteToken)}, baseUrl: ${JSON.stringify(parleyUrl)}, ...${JSON.stringify(settings)} };</script>
<script async src="${parleyUrl}/widget.js"></script>
<script>${script}</script></body></html>`;
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(html);
    });
    // All interfaces: the browser may reach "localhost" over IPv4 or IPv6.
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const { port } = server.address() as AddressInfo;
    return new ThirdPartySite(server, `http://${host}:${port}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The widget as a visitor sees it on the host page: the bubble, then the chat iframe. */
export class WidgetOnPage {
  readonly bubble: Locator;
  readonly frame: FrameLocator;
  readonly composer: Locator;
  readonly send: Locator;
  readonly messages: Locator;

  constructor(readonly page: Page) {
    this.bubble = page.getByRole("button", { name: /^(Open|Close) chat$/ });
    this.frame = page.frameLocator('iframe[title="Chat"]');
    this.composer = this.frame.getByRole("textbox", { name: "Message" });
    this.send = this.frame.getByRole("button", { name: "Send" });
    this.messages = this.frame.getByRole("log", { name: "Messages" });
  }

  async goto(site: ThirdPartySite): Promise<void> {
    await this.page.goto(`${site.origin}/`);
    await expect(this.page.getByRole("button", { name: "Open chat" })).toBeVisible();
  }

  async open(): Promise<void> {
    await this.page.getByRole("button", { name: "Open chat" }).click();
    await expect(this.frame.getByRole("heading", { level: 1 })).toBeVisible();
  }

  async say(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press("Enter");
    await expect(this.messages.getByText(text, { exact: true })).toBeVisible();
  }

  message(text: string): Locator {
    return this.messages.getByText(text, { exact: true });
  }
}
