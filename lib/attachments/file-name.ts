/** Stored file names are at most this long (the attachments schema's limit). */
export const FILE_NAME_MAX = 255;

// ASCII and Latin-1 control characters (NUL included) and the bidirectional overrides that make `gnp.exe` read as `exe.png`.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * An uploaded file's name as Parley stores and serves it: only the last path segment (browsers on
 * Windows send `C:\fakepath\…`), spaces trimmed. Null — refused with a 422 — when nothing usable is
 * left, when it holds control or bidi characters, or when it is longer than 255 characters.
 */
export function sanitiseFileName(raw: string): string | null {
  const name = raw.split(/[\\/]/).pop()!.normalize("NFC").trim();
  if (name === "" || name === "." || name === ".." || FORBIDDEN.test(name) || name.length > FILE_NAME_MAX) return null;
  return name;
}

/** The extension Chatwoot's push reports (`photo.PNG` → `PNG`), or null without one. */
export function fileExtension(name: string): string | null {
  const dot = name.lastIndexOf(".");
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1) : null;
}
