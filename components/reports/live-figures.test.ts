import { describe, expect, it } from "vitest";
import { movesLiveFigures } from "./live-figures";

// U13: the reports page's right-now figures are re-read on the stream's events, not on a timer.
describe("movesLiveFigures", () => {
  it("U13: conversation lifecycle, assignment, presence and incoming messages move the figures", () => {
    for (const type of ["conversation.created", "conversation.status_changed", "conversation.resolved", "assignee.changed", "presence.update", "first_reply.created"])
      expect(movesLiveFigures(type, {}), type).toBe(true);
    expect(movesLiveFigures("message.created", { message_type: 0 })).toBe(true);
  });

  it("outgoing messages, typing and contact edits do not", () => {
    expect(movesLiveFigures("message.created", { message_type: 1 })).toBe(false);
    expect(movesLiveFigures("conversation.typing_on", {})).toBe(false);
    expect(movesLiveFigures("contact.updated", {})).toBe(false);
  });
});
