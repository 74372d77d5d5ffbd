/**
 * The widget's words, for one language: they come in the config answer (`i18n`, the catalogue's
 * `widget` namespace in the language chosen for this visitor), so the bundle carries no catalogue
 * and no i18n library (B5). Until the answer arrives there is nothing to read yet; a missing key
 * shows as its name rather than as English.
 */
let words: Record<string, string> = {};

export function setWords(next: Record<string, string> | undefined): void {
  if (next) words = next;
}

/** A message with `{name}` placeholders filled in. */
export function w(key: string, values: Record<string, string | number> = {}): string {
  return (words[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
}
