import { describe, expect, it } from "vitest";
import { snippetHtml } from "./snippet";

describe("search snippet HTML", () => {
  it("escapes everything the message says and marks only the matches", () => {
    expect(snippetHtml("a <b>&</b> \"\u0001refund\u0002\" 'x'")).toBe("a &lt;b&gt;&amp;&lt;/b&gt; &quot;<mark>refund</mark>&quot; &#39;x&#39;");
    expect(snippetHtml(null)).toBe("");
  });

  it("never leaves a mark open or unbalanced", () => {
    expect(snippetHtml("\u0001open")).toBe("<mark>open</mark>");
    expect(snippetHtml("stray\u0002 \u0001\u0001twice\u0002")).toBe("stray <mark>twice</mark>");
  });
});
