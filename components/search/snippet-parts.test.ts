import { describe, expect, it } from "vitest";
import { snippetParts } from "./snippet-parts";

// SR1: a snippet is rendered as text runs; only the API's <mark> becomes markup.
describe("snippetParts (SR1)", () => {
  it("splits marked matches from the text around them", () => {
    expect(snippetParts("где мой <mark>заказ</mark> 5512?")).toEqual([
      { text: "где мой ", mark: false },
      { text: "заказ", mark: true },
      { text: " 5512?", mark: false },
    ]);
  });

  it("decodes the escaped text once, so markup in a message stays visible text", () => {
    expect(snippetParts("&lt;img src=x onerror=alert(1)&gt; <mark>refund</mark> &amp;amp;")).toEqual([
      { text: "<img src=x onerror=alert(1)> ", mark: false },
      { text: "refund", mark: true },
      { text: " &amp;", mark: false },
    ]);
  });

  it("treats any other tag as text and an empty snippet as nothing", () => {
    expect(snippetParts("<b>x</b>")).toEqual([{ text: "<b>x</b>", mark: false }]);
    expect(snippetParts(null)).toEqual([]);
  });
});
