/**
 * The name of the unique constraint a database error violated, or null when it is another error.
 * Drivers differ (pg's DatabaseError, PGlite's, drizzle's wrapper with `cause`), so walk the chain.
 */
export function uniqueViolation(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint, message } = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (code === "23505") {
      if (typeof constraint === "string") return constraint;
      const m = typeof message === "string" ? /constraint "([^"]+)"/.exec(message) : null;
      return m?.[1] ?? "";
    }
  }
  return null;
}
