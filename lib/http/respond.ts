import { AppError } from "@/lib/errors";
import { isDatabaseUnavailable } from "./database-unavailable";

/** Chatwoot's body for a request without any credentials (devise's message). */
export const SIGN_IN_REQUIRED = "You need to sign in or sign up before continuing.";

/**
 * The one place errors become responses (HOUSE-STYLE "translate once, at the edge"): an AppError gets
 * its status and Chatwoot's body; an unreachable database is a 503; anything else is a bug, logged and
 * answered with a generic 500 that says nothing about the internals.
 */
export function errorResponse(err: unknown, where: { method: string; path: string }): Response {
  if (err instanceof AppError) return appErrorResponse(err);
  if (isDatabaseUnavailable(err)) {
    console.warn(`[http] ${where.method} ${where.path}: database unavailable: ${(err as Error).message}`);
    return Response.json({ error: "Service unavailable" }, { status: 503, headers: { "Retry-After": "5" } });
  }
  console.error(`[http] ${where.method} ${where.path} failed:`, err);
  return Response.json({ error: "Internal server error" }, { status: 500 });
}

export function appErrorResponse(err: AppError): Response {
  const headers = new Headers();
  if (err.retryAfterSeconds !== undefined) headers.set("Retry-After", String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
  return Response.json(errorBody(err), { status: err.status, headers });
}

function errorBody(err: AppError): Record<string, unknown> {
  if (err.code === "unauthorized" && err.message === SIGN_IN_REQUIRED) return { errors: [SIGN_IN_REQUIRED] };
  // Chatwoot's model-validation body, plus the messages per field so forms can show them in place.
  if (err.code === "validation" && err.fields) {
    return { message: err.message, attributes: Object.keys(err.fields), errors: err.fields, ...err.details };
  }
  return { error: err.message };
}
