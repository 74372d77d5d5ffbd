import { describe, expect, it } from "vitest";
import { frameAncestorSources, widgetPageCsp } from "./frame-ancestors";

describe("frame-ancestors from allowed_domains (W5)", () => {
  it.each([
    ["", "*"],
    ["   \n ", "*"],
    ["https://shop.example", "https://shop.example"],
    ["shop.example, *.example.com", "shop.example *.example.com"],
    ["https://Shop.Example/\nhttp://127.0.0.1:4100", "https://shop.example http://127.0.0.1:4100"],
    ["shop.example shop.example", "shop.example"],
    ["shop.example;script-src *", "'none'"], // a ";" never passes, so no directive can be injected
    ["javascript:alert(1)", "'none'"],
    ["shop.example, 'unsafe-inline'", "shop.example"],
  ])("%j → %s", (input, expected) => {
    expect(frameAncestorSources(input)).toBe(expected);
  });

  it("the page policy starts with frame-ancestors and keeps scripts to Parley's own origin", () => {
    const csp = widgetPageCsp("shop.example", "n0nce");
    expect(csp.split("; ")[0]).toBe("frame-ancestors shop.example");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'nonce-n0nce'");
  });
});
