import { z } from "zod";

/**
 * The languages Parley has: one catalogue each in messages/<code>.json. Adding a language is adding
 * its code here and its file there (docs/i18n.md); every list, dropdown and validator reads this.
 */
export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in itself, as a language menu shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ru: "Русский" };

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/** A locale field of any API: an unknown code is a 422 naming the field. */
export const localeSchema = z.enum(LOCALES, "is not a supported language");

/** A stored or requested code read leniently: a Parley language, or the default. */
export const toLocale = (value: unknown): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

/**
 * The first of the browser's languages (an Accept-Language header or `navigator.languages`) that Parley
 * has, by its primary subtag ("ru-RU" → ru), or null.
 */
export function negotiateLocale(preferences: string | readonly string[] | null | undefined): Locale | null {
  const tags = typeof preferences === "string" ? parseAcceptLanguage(preferences) : (preferences ?? []);
  for (const tag of tags) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return null;
}

function parseAcceptLanguage(header: string): string[] {
  return header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((p) => p.tag && p.tag !== "*" && Number.isFinite(p.q) && p.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((p) => p.tag);
}
