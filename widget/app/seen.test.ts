import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSeenMarker } from "./seen";

describe("the widget's seen (C6, W7, W9)", () => {
  let sent: number[];
  let visible: boolean;
  let marker: ReturnType<typeof createSeenMarker>;

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    sent = [];
    visible = true;
    marker = createSeenMarker({ send: () => sent.push(Date.now()), isVisible: () => visible });
  });
  afterEach(() => vi.useRealTimers());

  it("marks a burst of replies in the open chat once, half a second after the last", () => {
    marker.shown();
    vi.advanceTimersByTime(300);
    marker.shown();
    vi.advanceTimersByTime(499);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([800]);
  });

  it("never marks after the chat has closed: a reply arriving then stays unread", () => {
    marker.shown();
    visible = false;
    vi.advanceTimersByTime(60_000);
    expect(sent).toEqual([]);
  });

  it("closing sends what the open chat showed at once, and nothing when all of it was already sent", () => {
    marker.shown();
    vi.advanceTimersByTime(100);
    visible = false;
    marker.closed();
    expect(sent).toEqual([100]);
    vi.advanceTimersByTime(60_000);
    marker.closed();
    expect(sent).toEqual([100]);
  });
});
