import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "@/lib/i18n/catalogues";
import { LOCALES } from "@/lib/i18n/locales";

type Tree = { [key: string]: string | Tree };

/** "a.b.c" → message, for every leaf. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments a message uses, with their kind: `name:plural`, `count:number`, `b:tag` … */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument) found.add(`${e.value}:text`);
      if (e.type === TYPE.number) found.add(`${e.value}:number`);
      if (e.type === TYPE.date || e.type === TYPE.time) found.add(`${e.value}:date`);
      if (e.type === TYPE.plural) {
        found.add(`${e.value}:plural`);
        for (const option of Object.values(e.options)) walk(option.value);
      }
      if (e.type === TYPE.select) {
        found.add(`${e.value}:select`);
        for (const option of Object.values(e.options)) walk(option.value);
      }
      if (e.type === TYPE.tag) {
        found.add(`${e.value}:tag`);
        walk(e.children);
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

/** The plural categories a plural argument must cover in a language ("one", "few", "many", "other" in Russian). */
function pluralGaps(message: string, locale: string): string[] {
  const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const gaps: string[] = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.plural) {
        const has = Object.keys(e.options);
        if (e.pluralType !== "ordinal") for (const c of needed) if (!has.includes(c)) gaps.push(`${e.value} lacks "${c}"`);
        for (const option of Object.values(e.options)) walk(option.value);
      }
      if (e.type === TYPE.select) for (const option of Object.values(e.options)) walk(option.value);
      if (e.type === TYPE.tag) walk(e.children);
    }
  };
  walk(parse(message));
  return gaps;
}

const en = flatten(CATALOGUES.en as unknown as Tree);

describe("message catalogues", () => {
  it("has one file per language Parley offers, and no other", () => {
    const files = readdirSync(new URL(".", import.meta.url))
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.replace(/\.json$/, ""));
    expect(files.sort()).toEqual([...LOCALES].sort());
  });

  it("english is not empty and every message parses as ICU", () => {
    expect(en.size).toBeGreaterThan(10);
    for (const [key, message] of en) expect(() => parse(message), key).not.toThrow();
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    describe(locale, () => {
      const other = flatten(CATALOGUES[locale] as unknown as Tree);

      it("has every English key", () => {
        expect([...en.keys()].filter((k) => !other.has(k))).toEqual([]);
      });

      it("has no key English lacks", () => {
        expect([...other.keys()].filter((k) => !en.has(k))).toEqual([]);
      });

      it("uses the same placeholders as English in every message", () => {
        const mismatched = [...en].filter(([key, message]) => other.has(key) && argumentsOf(message).join() !== argumentsOf(other.get(key)!).join());
        expect(mismatched.map(([key]) => `${key}: ${argumentsOf(en.get(key)!)} vs ${argumentsOf(other.get(key)!)}`)).toEqual([]);
      });

      it("gives every plural the forms the language needs", () => {
        expect([...other].flatMap(([key, message]) => pluralGaps(message, locale).map((g) => `${key}: ${g}`))).toEqual([]);
      });

      it("translates: no message is left empty", () => {
        expect([...other].filter(([, m]) => m.trim() === "").map(([k]) => k)).toEqual([]);
      });
    });
  }
});
