import { describe, expect, it } from "vitest";
import { messageProblems, releaseBase, SUBJECT_MAX } from "./commit-check";

describe("commit messages", () => {
  it("accepts a subject of up to 72 characters, alone or with a body after a blank line", () => {
    expect(messageProblems("Split the assignment command from its in-transaction step\n")).toEqual([]);
    expect(messageProblems(`${"x".repeat(SUBJECT_MAX)}\n\nWhy: the body says it.\n`)).toEqual([]);
    // Characters, not bytes: 72 accented letters are 144 bytes.
    expect(messageProblems("é".repeat(SUBJECT_MAX))).toEqual([]);
  });

  it("refuses a longer subject, a missing blank line and an empty subject", () => {
    expect(messageProblems("x".repeat(SUBJECT_MAX + 1))).toEqual([`the subject is ${SUBJECT_MAX + 1} characters; at most 72 (put the why in the body)`]);
    expect(messageProblems("Subject\nbody straight after")).toEqual(["a blank line must separate the subject from the body"]);
    expect(messageProblems("\n\n")).toEqual(["the subject is empty"]);
  });

  it("ignores the comment lines git strips from an edited message", () => {
    expect(messageProblems(`# Please enter the commit message\n\nShort subject\n\n# ${"long comment ".repeat(20)}\n`)).toEqual([]);
  });

  it("reads the release commit from .last-release, skipping comments", () => {
    expect(releaseBase("# the last release\n\n818aabcb1a93b697fe50707fdc22e2ebfa5d7299\n")).toBe("818aabcb1a93b697fe50707fdc22e2ebfa5d7299");
    expect(() => releaseBase("# nothing here\n")).toThrow(/no commit id/);
  });
});
