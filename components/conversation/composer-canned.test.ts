import { describe, expect, it } from "vitest";
import { applyCanned, cannedMenuKey, filterCanned, slashQueryAt, type CannedResponse } from "./composer-canned";
import { spliceAt } from "./composer-caret";

// SPEC U1: canned responses on `/` — which slash opens the list, what it matches, what it replaces.
describe("slashQueryAt", () => {
  it("finds a slash at the start of the text or after whitespace, up to the caret", () => {
    expect(slashQueryAt("/", 1)).toEqual({ start: 0, end: 1, query: "" });
    expect(slashQueryAt("/gre", 4)).toEqual({ start: 0, end: 4, query: "gre" });
    expect(slashQueryAt("Hi /gre", 7)).toEqual({ start: 3, end: 7, query: "gre" });
    expect(slashQueryAt("line one\n/ship", 14)).toEqual({ start: 9, end: 14, query: "ship" });
  });

  it("ignores slashes inside words and finished words", () => {
    expect(slashQueryAt("and/or", 6)).toBeNull();
    expect(slashQueryAt("see https://x.example/a", 23)).toBeNull();
    expect(slashQueryAt("/greet ", 7)).toBeNull();
    expect(slashQueryAt("no slash", 8)).toBeNull();
    expect(slashQueryAt("//x", 3)).toBeNull();
  });

  it("spans the whole word when the caret went back into it", () => {
    expect(slashQueryAt("Hi /greeting there", 6)).toEqual({ start: 3, end: 12, query: "gr" });
  });

  it("looks only before the caret", () => {
    expect(slashQueryAt("Hi /greet", 2)).toBeNull();
  });
});

describe("filterCanned", () => {
  const list: CannedResponse[] = [
    { id: 1, short_code: "greet", content: "Hello! How can I help?" },
    { id: 2, short_code: "refund", content: "Refunds take five days." },
    { id: 3, short_code: "shipping", content: "We ship worldwide." },
    { id: 4, short_code: "bye", content: "Have a great day." },
    { id: 5, short_code: "agreement", content: "See our terms." },
  ];
  const codes = (q: string, limit?: number) => filterCanned(list, q, limit).map((c) => c.short_code);

  it("ranks short codes that start with the query, then contain it, then content matches", () => {
    expect(codes("gre")).toEqual(["greet", "agreement", "bye"]);
  });

  it("is case-insensitive and shows everything for a bare slash, up to the limit", () => {
    expect(codes("SHIP")).toEqual(["shipping"]);
    expect(codes("")).toEqual(["greet", "refund", "shipping", "bye", "agreement"]);
    expect(codes("", 2)).toEqual(["greet", "refund"]);
    expect(codes("zzz")).toEqual([]);
  });
});

describe("applyCanned / spliceAt", () => {
  it("replaces the /query with the content and puts the caret after it", () => {
    const text = "Hi /gre there";
    const slash = slashQueryAt(text, 7)!;
    expect(applyCanned(text, slash, { content: "Hello!" })).toEqual({ text: "Hi Hello! there", caret: 9 });
  });

  it("inserts at a caret or over a selection, clamped to the text", () => {
    expect(spliceAt("ab", 1, 1, "😀")).toEqual({ text: "a😀b", caret: 3 });
    expect(spliceAt("abcd", 1, 3, "X")).toEqual({ text: "aXd", caret: 2 });
    expect(spliceAt("ab", 9, 9, "!")).toEqual({ text: "ab!", caret: 3 });
  });
});

// U7: `/` plus text matching nothing, then Enter, must not send "/sh".
describe("cannedMenuKey", () => {
  it("holds Enter while the menu is open with no match, so the typed /word is never sent", () => {
    expect(cannedMenuKey(0, "Enter")).toBe("hold");
    expect(cannedMenuKey(0, "Escape")).toBe("dismiss");
    expect(cannedMenuKey(0, "ArrowDown")).toBeNull();
    expect(cannedMenuKey(0, "Enter", { shift: true })).toBeNull();
  });

  it("moves, inserts and closes when there are matches", () => {
    expect(cannedMenuKey(2, "ArrowDown")).toBe("down");
    expect(cannedMenuKey(2, "ArrowUp")).toBe("up");
    expect(cannedMenuKey(2, "Enter")).toBe("pick");
    expect(cannedMenuKey(2, "Tab")).toBe("pick");
    expect(cannedMenuKey(2, "Enter", { composing: true })).toBeNull();
    expect(cannedMenuKey(2, "a")).toBeNull();
  });
});
