/**
 * R2 with a hanging Redis: every store call waits out its deadline (1.5 s) before failing. Without a
 * pause, each request that opens a conversation would pay that wait in its after-commit assignment.
 * After one coordination failure the after-commit hooks skip assignment for a short while — those
 * conversations simply wait for the backlog sweep, which is the recovery path anyway and ends the
 * pause as soon as it reaches the store again. Only store failures pause; a database error does not.
 */
export class CoordinationUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`coordination store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "CoordinationUnavailableError";
  }
}

/** Marks a coordination call's failure as such, so callers can tell it from a database error. */
export function coordinationCall<T>(call: Promise<T>): Promise<T> {
  return call.catch((err: unknown) => {
    throw err instanceof CoordinationUnavailableError ? err : new CoordinationUnavailableError(err);
  });
}

export const PAUSE_MS = 10_000;

// Per process, like the store client itself; wall-clock time, not the domain clock the callers pass.
const state = globalThis as unknown as { __parleyAssignmentPausedUntil?: number };

export function assignmentPaused(nowMs = Date.now()): boolean {
  return (state.__parleyAssignmentPausedUntil ?? 0) > nowMs;
}

export function pauseAssignment(nowMs = Date.now()): void {
  state.__parleyAssignmentPausedUntil = nowMs + PAUSE_MS;
}

export function resumeAssignment(): void {
  state.__parleyAssignmentPausedUntil = 0;
}
