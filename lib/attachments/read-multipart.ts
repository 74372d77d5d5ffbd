import { AppError } from "@/lib/errors";
import { readCapped } from "@/lib/http/read-capped";
import { formatBytes } from "./limits";

export type MultipartBody = {
  /** The text fields, with Rails' bracket names nested: `message[content]` → `{ message: { content } }`, `a[]` → arrays. */
  fields: Record<string, unknown>;
  /** The file parts, in order, with the form field each came in. */
  files: { field: string; file: File }[];
};

export function isMultipart(req: Request): boolean {
  return /^multipart\/form-data\b/i.test(req.headers.get("content-type")?.trim() ?? "");
}

/**
 * Reads a multipart/form-data body within `maxBytes`: the declared Content-Length is checked before
 * anything is read and the bytes while reading (a missing or lying length cannot get round it), so an
 * oversize upload is a 413 having buffered at most the cap. A body the parser cannot read is a 400.
 */
export async function readMultipart(req: Request, maxBytes: number): Promise<MultipartBody> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = await readCapped(req, maxBytes, tooLarge);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": req.headers.get("content-type")! } }).formData();
  } catch {
    throw new AppError("bad_request", "Malformed multipart/form-data body");
  }
  const fields: Record<string, unknown> = {};
  const files: MultipartBody["files"] = [];
  for (const [name, value] of form) {
    if (typeof value === "string") setField(fields, name, value);
    else files.push({ field: name, file: value });
  }
  return { fields, files };
}

function setField(target: Record<string, unknown>, name: string, value: string): void {
  const [head, ...rest] = name.split("[").map((part, i) => (i === 0 ? part : part.replace(/\]$/, "")));
  if (!head) return;
  let node = target;
  let key = head;
  for (const part of rest) {
    const next = node[key];
    if (part === "") {
      node[key] = [...(Array.isArray(next) ? next : []), value];
      return;
    }
    if (!next || typeof next !== "object" || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
    key = part;
  }
  node[key] = value;
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Upload is too large (limit ${formatBytes(limit)} per request)`);
}
