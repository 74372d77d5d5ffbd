import { describe, expect, it } from "vitest";
import { checkRules, citedIds, parseRules } from "./rules-check";

const RULES = [
  "# Rules",
  "",
  "- **M2** A flood limit per conversation.",
  "  Tests: `lib/messages/messages.test.ts`, `bench/ingest.ts`",
  "- **E5** Resume without loss.",
  "  Tests: `lib/realtime/hub.test.ts`",
  "",
].join("\n");

/** An id no rule has, built at run time so this file does not cite it itself. */
const UNDEFINED = ["K", "7"].join("");

const repo = (extra: Record<string, string> = {}) =>
  new Map(
    Object.entries({
      "docs/rules.md": RULES,
      "lib/messages/messages.test.ts": 'it("M2 the 21st message is a 429")',
      "bench/ingest.ts": "// measures M2 under load",
      "lib/realtime/hub.test.ts": 'describe("resume (E5)")',
      ...extra,
    }),
  );

describe("rules:check", () => {
  it("reads each rule with the test files its entry lists", () => {
    expect([...parseRules(RULES).values()]).toEqual([
      { id: "M2", tests: ["lib/messages/messages.test.ts", "bench/ingest.ts"] },
      { id: "E5", tests: ["lib/realtime/hub.test.ts"] },
    ]);
  });

  it("finds rule ids, but not svg paths, percent-encoding, hex, words or the contract's § section ids", () => {
    const text = ["// M2 and (E5).", '<path d="M12.5 3.5v13" />', "%C3%A9", "0xC4 E2E W3C", "§B7 §A A1 §A10–A12 §A2/A3 §C11"].join("\n");
    expect(citedIds(text)).toEqual([
      { id: "M2", line: 1 },
      { id: "E5", line: 1 },
    ]);
  });

  it("passes when every citation is defined and every rule's tests name it", () => {
    expect(checkRules(repo({ "lib/x.ts": "// see M2, E5" }))).toEqual([]);
  });

  it("fails on a cited id that the rules do not define, naming file and line", () => {
    expect(checkRules(repo({ "lib/x.ts": `ok\n// Q1 is no rule id at all, but ${UNDEFINED} would be one` }))).toEqual([`lib/x.ts:2: cites ${UNDEFINED}, which docs/rules.md does not define`]);
  });

  it("fails on a rule without tests, a listed file that is missing, and one that does not name the rule", () => {
    const rules = RULES + "- **C1** Creation times.\n- **C2** Toggling.\n  Tests: `lib/gone.test.ts`, `lib/realtime/hub.test.ts`\n";
    expect(checkRules(repo({ "docs/rules.md": rules }))).toEqual([
      "docs/rules.md: C1 lists no test",
      "docs/rules.md: C2 lists lib/gone.test.ts, which is not a tracked file",
      "docs/rules.md: C2 lists lib/realtime/hub.test.ts, which does not name C2",
    ]);
  });
});
