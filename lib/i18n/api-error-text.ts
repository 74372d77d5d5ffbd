import type { Messages } from "./catalogues";

/** The apiErrors namespace of a catalogue: `patterns` (the server's messages as templates) and `fields`. */
export type ApiErrorCatalogue = Messages["apiErrors"];
type Translate = (key: string, values?: Record<string, string>) => string;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** An English template ("is too long (maximum is {count} characters)") as a pattern capturing its values. */
function compile(template: string): RegExp {
  const parts = template.split(/\{(\w+)\}/);
  const source = parts.map((part, i) => (i % 2 ? `(?<${part}>.+?)` : escape(part))).join("");
  return new RegExp(`^(?:(?<field>[A-Z][A-Za-z ]*?) )?${source}$`);
}

const compiledFor = new WeakMap<ApiErrorCatalogue, { key: string; pattern: RegExp }[]>();

/**
 * The API answers in English (Chatwoot's wording, which its clients match on). What the UI shows of
 * it — a field's error, a refusal's message — is put into the person's language here: a message that
 * is one of the catalogue's `apiErrors.patterns` (optionally after a field name, as AppError.validation
 * writes "Name can't be blank") becomes its translation; anything else is shown as the server wrote it.
 * `english` is the English catalogue's apiErrors; `t` translates keys under apiErrors.
 */
export function localiseApiError(message: string, english: ApiErrorCatalogue, t: Translate): string {
  let compiled = compiledFor.get(english);
  if (!compiled) compiledFor.set(english, (compiled = Object.entries(english.patterns).map(([key, template]) => ({ key, pattern: compile(template) }))));
  for (const { key, pattern } of compiled) {
    const m = pattern.exec(message);
    if (!m) continue;
    const { field, ...values } = m.groups ?? {};
    const text = t(`patterns.${key}`, values as Record<string, string>);
    if (!field) return text;
    const known = Object.hasOwn(english.fields, field);
    return t("fieldMessage", { field: known ? t(`fields.${field}`) : field, message: text });
  }
  return message;
}
