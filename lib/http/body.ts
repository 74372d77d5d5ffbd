import { AppError } from "@/lib/errors";
import { wellFormed } from "@/lib/validation";
import { assertJsonDepth } from "@/lib/validation/json-depth";
import { readCapped } from "./read-capped";

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
  const text = new TextDecoder().decode(await readCapped(req, limit, tooLarge));
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
  // Before anything walks it recursively (a deep enough body overflows the stack: a 500).
  assertJsonDepth(parsed);
  // JSON can spell a lone surrogate, which Postgres refuses inside jsonb (R4): decode it as U+FFFD.
  return wellFormed(parsed);
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Request body is too large (limit ${Math.round(limit / 1024)} KB)`);
}
