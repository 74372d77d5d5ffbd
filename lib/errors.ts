/**
 * Parley's one error type. Domain code throws it; the HTTP edge turns it into a response once
 * (lib/http/respond.ts). Anything that is not an AppError is a bug and becomes a generic 500.
 */
export type ErrorCode = "bad_request" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "payload_too_large" | "unsupported_media_type" | "validation" | "rate_limited" | "unavailable";

export const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** Field name → messages, as a 422 carries them. */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly retryAfterSeconds?: number;
  /** Facts a 422 adds beside its field errors (e.g. which contact holds a taken email). */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, extra: { fields?: FieldErrors; retryAfterSeconds?: number; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.details = extra.details;
  }

  get status(): number {
    return statusOf[this.code];
  }

  static notFound(): AppError {
    return new AppError("not_found", "Resource could not be found");
  }

  static validation(fields: FieldErrors, details?: Record<string, unknown>): AppError {
    const message = Object.entries(fields)
      .map(([field, msgs]) => `${humanize(field)} ${msgs.join(", ")}`)
      .join(", ");
    return new AppError("validation", message, { fields, details });
  }
}

function humanize(field: string): string {
  const words = field.replace(/[_.]/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
