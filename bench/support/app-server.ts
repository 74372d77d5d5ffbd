import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { READY_PATTERN } from "@/e2e/support/ready-line";

export type AppServer = {
  baseUrl: string;
  databaseUrl: string;
  /** Resident memory of the app server's process tree, in bytes (Linux /proc). */
  rssBytes(): number;
  stop(): Promise<void>;
};

/**
 * The production build (`next start`) on a fresh Postgres database and real Redis behind the
 * Upstash-REST bridge — the same launcher the e2e suite uses (e2e/server.ts), in its own process
 * tree, so load generated here competes with the server only for the CPU, as on a real host.
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const distDir = process.env.PARLEY_DIST_DIR || ".next";
  if (!existsSync(`${distDir}/BUILD_ID`)) throw new Error(`no production build in ${distDir} — run \`npm run build\` first`);
  const child = spawn("node_modules/.bin/tsx", ["e2e/server.ts"], {
    env: { ...process.env, SEED_PASSWORD: `bench-${randomBytes(8).toString("hex")}`, ...env },
    stdio: ["ignore", "pipe", "inherit"],
    detached: false,
  });
  const match = await waitForReady(child);
  const baseUrl = match.groups!.parley_e2e_base_url!;
  const port = new URL(baseUrl).port;
  return {
    baseUrl,
    databaseUrl: match.groups!.parley_e2e_database_url!,
    rssBytes: () => treeRss(serverPid(port)),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function waitForReady(child: ChildProcess): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const m = READY_PATTERN.exec(seen);
      if (m) resolve(m);
      if (seen.length > 100_000) seen = seen.slice(-10_000);
    });
    child.once("exit", (code) => reject(new Error(`the app server exited before it was ready (${code})`)));
  });
}

/** The pid of the process listening on the port (next renames its process title, so ask the socket). */
function serverPid(port: string): number {
  const out = execFileSync("ss", ["-Hltnp", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on port ${port}`);
  return Number(pid);
}

function treeRss(pid: number): number {
  let total = 0;
  const pids = [pid];
  while (pids.length) {
    const p = pids.pop()!;
    const status = readFileSync(`/proc/${p}/status`, "utf8");
    total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
    if (children) pids.push(...children.split(/\s+/).map(Number));
  }
  return total;
}
