// Commit messages: a subject of at most 72 characters saying what changed, then a blank line and
// the why. `tsx scripts/commit-check.ts` checks every commit after the last release (.last-release);
// `--message-file <path>` checks one message (the commit-msg hook in .githooks/).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const SUBJECT_MAX = 72;
const ROOT = join(import.meta.dirname, "..");

/** What is wrong with a commit message (empty when nothing). Lines git strips (`#`) are ignored. */
export function messageProblems(message: string): string[] {
  const lines = message
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .map((l) => l.trimEnd());
  while (lines.length > 0 && lines[0] === "") lines.shift();
  const subject = lines[0] ?? "";
  const problems: string[] = [];
  if (subject === "") problems.push("the subject is empty");
  const length = [...subject].length;
  if (length > SUBJECT_MAX) problems.push(`the subject is ${length} characters; at most ${SUBJECT_MAX} (put the why in the body)`);
  if (lines.length > 1 && lines[1] !== "") problems.push("a blank line must separate the subject from the body");
  return problems;
}

/** The commit the check starts after: the first line of .last-release that is not a comment. */
export function releaseBase(text: string): string {
  const base = text
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l !== "" && !l.startsWith("#"));
  if (!base || !/^[0-9a-f]{7,40}$/.test(base)) throw new Error(".last-release holds no commit id");
  return base;
}

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function checkHistory(): number {
  try {
    git("rev-parse", "--git-dir");
  } catch {
    console.log("commit-check: not a git checkout, nothing to check");
    return 0;
  }
  const base = releaseBase(readFileSync(join(ROOT, ".last-release"), "utf8"));
  let range = `${base}..HEAD`;
  try {
    git("cat-file", "-e", `${base}^{commit}`);
  } catch {
    // A shallow clone may not reach the release: its newest commit is still checked.
    console.log(`commit-check: ${base.slice(0, 12)} is not in this clone; checking HEAD only`);
    range = "HEAD^!";
  }
  const log = git("log", "--format=%H%x00%B%x01", range);
  let failed = 0;
  let checked = 0;
  for (const entry of log.split("\x01")) {
    const [sha, message] = entry.replace(/^\n/, "").split("\0");
    if (!sha || message === undefined) continue;
    checked++;
    const problems = messageProblems(message);
    if (problems.length === 0) continue;
    failed++;
    console.error(`${sha.slice(0, 12)} ${message.split("\n")[0]!.slice(0, 80)}…\n  ${problems.join("\n  ")}`);
  }
  if (failed > 0) {
    console.error(`commit-check: ${failed} of ${checked} commits after ${base.slice(0, 12)} break the message rules`);
    return 1;
  }
  console.log(`commit-check: ${checked} commits after ${base.slice(0, 12)}, every subject ≤ ${SUBJECT_MAX} characters`);
  return 0;
}

function checkMessageFile(path: string): number {
  const problems = messageProblems(readFileSync(path, "utf8"));
  if (problems.length === 0) return 0;
  console.error(`commit-msg: ${problems.join("; ")}`);
  return 1;
}

function main(): void {
  const at = process.argv.indexOf("--message-file");
  process.exit(at > 0 ? checkMessageFile(process.argv[at + 1] ?? "") : checkHistory());
}

if (process.argv[1] && import.meta.filename === process.argv[1]) main();
