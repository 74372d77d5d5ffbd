import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageMarkdown } from "./message-markdown";
import { safeHref } from "./safe-url";

const html = (text: string) => renderToStaticMarkup(createElement(MessageMarkdown, { text }));

// SPEC U1 / §15: message content is rendered sanitised, whatever a visitor sends.
describe("MessageMarkdown", () => {
  it("renders markdown: emphasis, code, lists", () => {
    const out = html("**bold** and `code`\n\n- one\n- two");
    expect(out).toContain("<strong>bold</strong>");
    expect(out).toMatch(/<code[^>]*>code<\/code>/);
    expect(out).toMatch(/<li>one<\/li>/);
  });

  it("shows a <script> tag as text and never emits a script element", () => {
    const out = html('<script>alert("x")</script> hello');
    expect(out).not.toMatch(/<script/i);
    expect(out).toContain("&lt;script&gt;");
  });

  it("shows <img onerror> as text: no img element, no event handler attribute", () => {
    const out = html('<img src=x onerror="alert(1)">');
    expect(out).not.toMatch(/<img/i);
    expect(out).not.toMatch(/<[a-z]+[^>]*\sonerror=/i);
    expect(out).toContain("&lt;img src=x onerror=");
  });

  it("drops javascript:, data: and vbscript: link targets, also disguised", () => {
    for (const target of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox(1)"]) {
      const out = html(`[click](${target})`);
      expect(out, target).not.toMatch(/href=/i);
      expect(out, target).toContain("click");
    }
    expect(html('<a href="javascript:alert(1)">x</a>')).not.toMatch(/<a /);
  });

  it("http(s) and mailto links open in a new tab with rel=noopener noreferrer nofollow", () => {
    const out = html("[docs](https://example.com/a?b=1) and [mail](mailto:a@example.com) and https://bare.example.org");
    expect(out).toContain('href="https://example.com/a?b=1"');
    expect(out).toContain('href="mailto:a@example.com"');
    expect(out).toContain('href="https://bare.example.org/"');
    expect(out.match(/rel="noopener noreferrer nofollow"/g)).toHaveLength(3);
    expect(out.match(/target="_blank"/g)).toHaveLength(3);
  });

  it("shows a markdown image as a link, never loading it", () => {
    const out = html("![pixel](https://tracker.example/p.gif)");
    expect(out).not.toMatch(/<img/i);
    expect(out).toContain('href="https://tracker.example/p.gif"');
  });
});

describe("safeHref", () => {
  it("keeps http, https and mailto; refuses the rest and relative paths", () => {
    expect(safeHref("https://a.example/x")).toBe("https://a.example/x");
    expect(safeHref("mailto:x@y.z")).toBe("mailto:x@y.z");
    expect(safeHref("/api/v1/accounts/1")).toBeNull();
    expect(safeHref(" javascript:alert(1)")).toBeNull();
    expect(safeHref("ftp://a.example")).toBeNull();
    expect(safeHref(undefined)).toBeNull();
  });
});
