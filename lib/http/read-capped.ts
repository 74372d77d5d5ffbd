/**
 * Reads a request body, giving up as soon as it passes `limit` bytes (the declared Content-Length is
 * checked by the callers first; a chunked or lying body is stopped here). `tooLarge` builds the
 * caller's own error, so JSON and multipart keep their messages.
 */
export async function readCapped(req: Request, limit: number, tooLarge: (limit: number) => Error): Promise<Uint8Array<ArrayBuffer>> {
  if (!req.body) return new Uint8Array();
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
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
