import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A Postgres cluster of R3's own, on a free port in a temporary directory, that the suite stops and
 * starts under load — never the shared server on 5432. Uses the binaries of the newest installed
 * version (Debian's /usr/lib/postgresql/<v>/bin, which scripts/test-setup.sh installs). Postgres
 * refuses to run as root, so as root every command runs as the postgres user.
 */
export type PrivatePostgres = {
  url: string;
  port: number;
  start(): Promise<void>;
  /** `fast` ends sessions and shuts down cleanly; `immediate` is a crash (recovery on the next start). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  destroy(): Promise<void>;
};

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "pg_ctl"))) : [];
  if (!versions.length) throw new Error("R3 needs PostgreSQL's server binaries under /usr/lib/postgresql/<version>/bin (apt: postgresql; scripts/test-setup.sh installs it)");
  return join(root, versions.sort((a, b) => Number(a) - Number(b)).at(-1)!, "bin");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "parley-r3-"));
  if (asRoot) {
    const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
    const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const pg = (tool: string, args: string[]) => (asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, tool), ...args]) : run(join(bin, tool), args));
  const data = join(dir, "data");
  const port = await freePort();
  await pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"]);
  // Durability settings off: the suite tests the app across a restart, not Postgres's fsync.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off -c max_connections=50`;
  const cluster: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await pg("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
    },
    async stop(mode = "fast") {
      await pg("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "60", "stop"]);
    },
    async destroy() {
      await cluster.stop("immediate").catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
