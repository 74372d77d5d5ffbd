"use client";

/**
 * The operator app talks to the Application API (same origin, session cookie; the server checks
 * Origin on mutations). Errors carry the status and the API's message and field errors.
 */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string[]> = {},
    /** The rest of the error body (e.g. a 422's `taken_by` naming the contact that holds a value). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

export type ApiInit = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as multipart (attachments). */
  form?: FormData;
  signal?: AbortSignal;
};

/** `path` is relative to the account: api(1, "/conversations?status=open"). */
export async function api<T>(accountId: number, path: string, init: ApiInit = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: BodyInit | undefined;
  if (init.form) body = init.form;
  else if (init.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(init.json);
  }
  const res = await fetch(`/api/v1/accounts/${accountId}${path}`, {
    method: init.method ?? (body ? "POST" : "GET"),
    headers,
    body,
    credentials: "same-origin",
    cache: "no-store",
    signal: init.signal,
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const p = (parsed ?? {}) as { message?: string; error?: string; errors?: Record<string, string[]> };
    throw new ApiRequestError(res.status, p.message ?? p.error ?? `Request failed (${res.status})`, p.errors ?? {}, (parsed ?? {}) as Record<string, unknown>);
  }
  return parsed as T;
}
