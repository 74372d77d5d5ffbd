// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * JSON can spell a lone surrogate (`"\udfff"`), which no UTF-8 text can carry. Text columns already
 * get U+FFFD for it from the driver's UTF-8 encoding, but Postgres refuses it inside jsonb with an
 * error — a 500 for bad input (R4 found it in contact attributes). Decoding bodies as well-formed
 * Unicode (keys included) where JSON is parsed from a request makes every route behave like the text
 * columns: lib/http/body.ts for bodies, and wherever a field carries JSON text of its own.
 */
export function wellFormed(value: unknown): unknown {
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
