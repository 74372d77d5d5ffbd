import { describe, expect, it } from "vitest";
import { countsAfterRead } from "./use-counts";

// U6: reading a conversation takes it off its inbox's sidebar badge (and the tab title's sum) at once.
describe("countsAfterRead", () => {
  const counts = { views: { mine: 1, unassigned: 2, all: 3 }, list: { mine: 1, unassigned: 2, all: 3 }, inboxUnread: { 4: 2, 5: 1 } };

  it("U6: the read conversation's inbox drops by one; other inboxes and the views stay", () => {
    expect(countsAfterRead(counts, 4)).toEqual({ ...counts, inboxUnread: { 4: 1, 5: 1 } });
    expect(countsAfterRead(countsAfterRead(counts, 5), 5).inboxUnread[5]).toBe(0);
  });

  it("an inbox already at zero, or unknown, is left alone", () => {
    expect(countsAfterRead(countsAfterRead(counts, 5), 5)).toEqual({ ...counts, inboxUnread: { 4: 2, 5: 0 } });
    expect(countsAfterRead(counts, 99)).toBe(counts);
  });
});
