// `npm install` (the prepare script): points git at .githooks/ so the commit-msg check runs locally.
// Never fails the install — outside a git checkout, in CI, or when hooks are already configured
// elsewhere it only says why it did nothing.
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { join } from "node:path";

const ROOT = realpathSync(join(import.meta.dirname, ".."));
const HOOKS = ".githooks";

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
}

function install(): string {
  if (process.env.CI) return "CI, hooks not installed";
  let top: string;
  try {
    top = realpathSync(git("rev-parse", "--show-toplevel"));
  } catch {
    return "not a git checkout, hooks not installed";
  }
  if (top !== ROOT) return "the package is not the root of its git checkout, hooks not installed";
  let current = "";
  try {
    current = git("config", "--get", "core.hooksPath");
  } catch {
    // unset
  }
  if (current === HOOKS) return `hooks already in ${HOOKS}/`;
  if (current !== "") return `core.hooksPath is ${current}; left as it is (${HOOKS}/commit-msg is the commit check)`;
  git("config", "core.hooksPath", HOOKS);
  return `commit-msg hook installed (core.hooksPath=${HOOKS})`;
}

try {
  console.log(`git hooks: ${install()}`);
} catch (err) {
  console.log(`git hooks: not installed (${err instanceof Error ? err.message : String(err)})`);
}
