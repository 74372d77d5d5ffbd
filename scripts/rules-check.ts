// `npm run rules:check` — every rule id the repository cites is defined in docs/rules.md, and every
// rule there lists tests that exist and name it. Exit 1 with one line per problem.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const RULES_FILE = "docs/rules.md";

/**
 * A rule id as cited: a letter or one of the two-letter prefixes and a number, standing alone (not
 * `M12.5`, `%C3`, `0xC4`, `E2E`). Two-letter prefixes: AM automatic messages, WF workflow, NT
 * notifications, MA macros and automation, WH webhooks, AB agent bots, AP API-channel inboxes, SD the
 * Chatwoot SDK drop-in, SR search, LP the lean message path.
 */
const ID = /(?<![\w%#.])((?:AM|WF|NT|MA|WH|AB|AP|SD|SR|LP)(?:0|[1-9]\d?)|[ABCEKMPRUW](?:0|[1-9]\d?))(?!\w|\.\d)/g;

/** Chatwoot contract references (`§B7`, `§A A1`, `§A10–A12`, `§A2/A3`) are not rules. */
function isSectionReference(before: string): boolean {
  return /§\s?(?:[A-F]\s)?$/.test(before) || /§\s?(?:[A-F]\s)?(?:AM|[A-Z])\d{1,2}[–\-/]$/.test(before);
}

/** Each cited id with where it stands ("file:line"). */
export function citedIds(text: string): { id: string; line: number }[] {
  const found: { id: string; line: number }[] = [];
  text.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(ID)) {
      if (!isSectionReference(line.slice(0, m.index))) found.push({ id: m[1]!, line: i + 1 });
    }
  });
  return found;
}

export type Rule = { id: string; tests: string[] };

/** The rules docs/rules.md defines: list items `- **ID** …` with their `Tests:` file paths in backticks. */
export function parseRules(markdown: string): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  let current: Rule | null = null;
  for (const line of markdown.split("\n")) {
    const start = /^- \*\*([A-Z]{1,2}\d{1,2})\*\*/.exec(line);
    if (start) {
      current = { id: start[1]!, tests: [] };
      rules.set(current.id, current);
    } else if (/^(#|- )/.test(line) || line.trim() === "") {
      current = null;
    }
    if (current) for (const m of line.matchAll(/`([\w./[\]-]+\.(?:test|spec)\.ts|bench\/[\w-]+\.ts)`/g)) current.tests.push(m[1]!);
  }
  return rules;
}

function trackedTextFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" });
  return out.split("\0").filter((f) => /\.(ts|tsx|mts|mjs|js|md|sh|sql|css)$/.test(f) && f !== "package-lock.json" && existsSync(join(ROOT, f)));
}

export function checkRules(files: Map<string, string>): string[] {
  const problems: string[] = [];
  const doc = files.get(RULES_FILE);
  if (doc === undefined) return [`${RULES_FILE} is missing`];
  const rules = parseRules(doc);

  for (const [file, text] of files) {
    for (const { id, line } of citedIds(text)) {
      if (!rules.has(id)) problems.push(`${file}:${line}: cites ${id}, which ${RULES_FILE} does not define`);
    }
  }
  for (const rule of rules.values()) {
    if (rule.tests.length === 0) problems.push(`${RULES_FILE}: ${rule.id} lists no test`);
    for (const test of rule.tests) {
      const text = files.get(test);
      if (text === undefined) problems.push(`${RULES_FILE}: ${rule.id} lists ${test}, which is not a tracked file`);
      else if (!citedIds(text).some((c) => c.id === rule.id)) problems.push(`${RULES_FILE}: ${rule.id} lists ${test}, which does not name ${rule.id}`);
    }
  }
  return problems;
}

function main(): void {
  const files = new Map(trackedTextFiles().map((f) => [f, readFileSync(join(ROOT, f), "utf8")]));
  const problems = checkRules(files);
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    console.error(`rules:check: ${problems.length} problem(s); rules are defined in ${RULES_FILE}`);
    process.exit(1);
  }
  console.log(`rules:check: ${parseRules(files.get(RULES_FILE)!).size} rules defined, every citation resolves`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) main();
