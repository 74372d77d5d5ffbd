import { describe, expect, it } from "vitest";
import { TYPING_RESEND_MS, typingIdle, typingStep, type TypingEvent, type TypingSignal } from "./composer-typing";

/** Runs events through the machine and collects what it would send. */
function run(events: TypingEvent[]): TypingSignal[] {
  let state = typingIdle;
  const sent: TypingSignal[] = [];
  for (const e of events) {
    const step = typingStep(state, e);
    state = step.state;
    if (step.send) sent.push(step.send);
  }
  return sent;
}

// SPEC U1 typing indicator, E3 (typing auto-clears after 30 s, so "on" is refreshed while typing).
describe("typingStep", () => {
  it("sends on at the first keystroke and not again within the resend window", () => {
    expect(
      run([
        { type: "typed", at: 1_000 },
        { type: "typed", at: 1_200 },
        { type: "typed", at: 1_000 + TYPING_RESEND_MS - 1 },
      ]),
    ).toEqual(["on"]);
  });

  it("re-sends on once the window has passed", () => {
    expect(
      run([
        { type: "typed", at: 0 },
        { type: "typed", at: TYPING_RESEND_MS },
        { type: "typed", at: TYPING_RESEND_MS + 10 },
      ]),
    ).toEqual(["on", "on"]);
  });

  it("sends off once when typing stops, and nothing when it never started", () => {
    expect(run([{ type: "stopped" }])).toEqual([]);
    expect(run([{ type: "typed", at: 0 }, { type: "stopped" }, { type: "stopped" }])).toEqual(["on", "off"]);
  });

  it("starts again at once after stopping", () => {
    expect(run([{ type: "typed", at: 0 }, { type: "stopped" }, { type: "typed", at: 10 }])).toEqual(["on", "off", "on"]);
  });
});
