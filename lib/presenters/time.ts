/** Chatwoot's wire encodings of time (chatwoot-api.md §E). */

/** Epoch seconds; 0 when the value is missing, as jbuilder's `.to_i` on nil. */
export function epoch(d: Date | null | undefined): number {
  return d ? Math.floor(d.getTime() / 1000) : 0;
}

/** ISO-8601 UTC with milliseconds, or null. */
export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

/** Epoch seconds with a fraction (conversation `updated_at`). */
export function epochFloat(d: Date): number {
  return d.getTime() / 1000;
}
