import { AppError } from "@/lib/errors";

/** SPEC §12: JSON bodies are capped at 1 MB (uploads have their own limits). */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Reads a JSON request body: undefined when there is none, 413 past the cap (checked while reading,
 * so a missing or lying Content-Length cannot get round it), 415 for a body that says it is not JSON,
 * 400 with the parser's reason for malformed JSON.
 */
export async function readJsonBody(req: Request, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const text = await readCapped(req, limit);
  if (text.trim() === "") return undefined;
  const type = req.headers.get("content-type");
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new AppError("unsupported_media_type", "Request body must be JSON (Content-Type: application/json)");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new AppError("bad_request", `Malformed JSON in request body: ${(err as Error).message}`);
  }
  return wellFormed(parsed);
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * JSON can spell a lone surrogate (`"\udfff"`), which no UTF-8 text can carry. Text columns already
 * get U+FFFD for it from the driver's UTF-8 encoding, but Postgres refuses it inside jsonb with an
 * error — a 500 for bad input (R4 found it in contact attributes). Decoding bodies as well-formed
 * Unicode here, keys included, makes every JSON route behave like the text columns.
 */
function wellFormed(value: unknown): unknown {
  if (typeof value === "string") return value.replace(LONE_SURROGATE, "\ufffd");
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    // defineProperty, so a "__proto__" key stays an own property as JSON.parse made it.
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k.replace(LONE_SURROGATE, "\ufffd"), { value: wellFormed(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

async function readCapped(req: Request, limit: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Request body is too large (limit ${Math.round(limit / 1024)} KB)`);
}
