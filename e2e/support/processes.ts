import { spawn, type ChildProcess } from "node:child_process";

/** A child's environment. Next types NODE_ENV as always present; these children may go without it. */
export type ChildEnv = Record<string, string | undefined>;

/** Starts a long-running child with inherited output. */
export function startProcess(command: string, args: string[], env: ChildEnv): ChildProcess {
  return spawn(command, args, { env: env as NodeJS.ProcessEnv, stdio: "inherit" });
}

/**
 * Starts a child in a process group of its own, so that signalGroup reaches everything it runs:
 * `npm start` is npm → sh → (preflight, then next), and a signal to npm alone does not reach next.
 */
export function startProcessGroup(command: string, args: string[], env: ChildEnv): ChildProcess {
  return spawn(command, args, { env: env as NodeJS.ProcessEnv, stdio: "inherit", detached: true });
}

/** Signals a group started by startProcessGroup; a group that is already gone is not an error. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: every process of the group has exited already.
  }
}

/** Runs a command to completion with inherited output; rejects with the command named if it fails. */
export async function runCommand(command: string, args: string[], env: ChildEnv): Promise<void> {
  const child = startProcess(command, args, env);
  const result = await Promise.race([exited(child), new Promise<never>((_, reject) => child.once("error", reject))]);
  if (result !== 0) throw new Error(`${command} ${args.join(" ")} failed (${typeof result === "number" ? `exit ${result}` : result})`);
}

/** Resolves with the exit code (or signal name) once a child has exited, immediately if it already has. */
export function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
}
