import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { RouteHandler } from "@/lib/http/with-auth";
import { callRoute, TEST_ORIGIN } from "@/test/support/http";

/** A 1×1 PNG (the smallest real image: its header says 1×1). */
export const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
export const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

export type Part = { field?: string; name: string; type: string; bytes: Uint8Array | string };

/** A multipart/form-data body as browsers send it: text fields, then files. */
export function form(fields: Record<string, string>, files: Part[] = [], fileField = "attachments[]"): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append(f.field ?? fileField, new Blob([typeof f.bytes === "string" ? f.bytes : new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return fd;
}

/** A request with a multipart (FormData) or raw body; the boundary header comes from the FormData. */
export function uploadRequest(path: string, body: FormData | string, headers: Record<string, string> = {}): Request {
  return new Request(new URL(path, TEST_ORIGIN), { method: "POST", headers, body });
}

export async function send(handler: RouteHandler | undefined, req: Request, params: Record<string, string>) {
  if (!handler) throw new Error("route does not export this method");
  const res = await callRoute(handler, req, params);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const json = res.headers.get("content-type")?.includes("json") && text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  return { status: res.status, headers: res.headers, bytes, text, body: json };
}

/** Rows that an upload writes: a refused upload must leave every count as it was. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const r = await db.execute<{ messages: number; attachments: number; blobs: number; events: number; conversations: number }>(sql`
    select (select count(*)::int from messages) as messages, (select count(*)::int from attachments) as attachments,
           (select count(*)::int from attachment_blobs) as blobs, (select count(*)::int from events) as events,
           (select count(*)::int from conversations) as conversations`);
  const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, number>[];
  return rows[0]!;
}
