/**
 * An unsaved filter in the URL (U1, WF3): `?filter=` holds Chatwoot's condition payload as JSON, so a
 * reload, a shared link and back/forward bring the same conditions back. Reading it only checks the
 * shape (the bounds of the filter endpoints' schema); the server still decides whether the attributes,
 * operators and values hold. Anything malformed reads as no filter, never as an error.
 */
export type ParamCondition = {
  attribute_key: string;
  filter_operator: string;
  values: (string | number | boolean)[];
  query_operator: "and" | "or" | null;
  attribute_model?: string;
};

/**
 * The most the parameter may take in the URL, percent-encoded: with the rest of the query it stays
 * under the 8 KB request line most proxies allow. A longer filter can be saved as a view instead.
 */
export const MAX_FILTER_PARAM = 6000;
/** The endpoints' own limits (lib/conversations/filter-conversations.ts, lib/contacts/filter-contacts.ts). */
const MAX_CONDITIONS = 20;
const MAX_VALUES = 50;

/** The parameter's length as URLSearchParams writes it. */
const encodedLength = (json: string) => new URLSearchParams({ f: json }).toString().length - 2;

const text = (v: unknown, max: number): v is string => typeof v === "string" && v.length > 0 && v.length <= max;
const value = (v: unknown) => (typeof v === "string" && v.length <= 255) || (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean";

function condition(raw: unknown): ParamCondition | null {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const c = raw as Record<string, unknown>;
  if (!text(c.attribute_key, 64) || !text(c.filter_operator, 64)) return null;
  const values = c.values ?? [];
  if (!Array.isArray(values) || values.length > MAX_VALUES || !values.every(value)) return null;
  const join = c.query_operator == null ? null : typeof c.query_operator === "string" ? c.query_operator.toLowerCase() : undefined;
  if (join !== null && join !== "and" && join !== "or") return null;
  if (c.attribute_model != null && !text(c.attribute_model, 64)) return null;
  return {
    attribute_key: c.attribute_key,
    filter_operator: c.filter_operator,
    values: values as ParamCondition["values"],
    query_operator: join,
    ...(typeof c.attribute_model === "string" && { attribute_model: c.attribute_model }),
  };
}

/** The conditions a `filter=` value holds, or null when it is absent, too long or not a valid payload. */
export function readFilterParam(raw: string | null | undefined): ParamCondition[] | null {
  if (!raw || raw.length > MAX_FILTER_PARAM || encodedLength(raw) > MAX_FILTER_PARAM) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_CONDITIONS) return null;
  const out = parsed.map(condition);
  return out.every((c): c is ParamCondition => c !== null) ? out : null;
}

/**
 * The `filter=` value for conditions: the payload's own keys, without an absent model; null when there
 * are none or they would not fit in the URL (MAX_FILTER_PARAM).
 */
export function writeFilterParam(conditions: readonly ParamCondition[] | null | undefined): string | null {
  if (!conditions?.length) return null;
  const json = JSON.stringify(
    conditions.map((c) => ({
      attribute_key: c.attribute_key,
      filter_operator: c.filter_operator,
      values: c.values,
      query_operator: c.query_operator,
      ...(c.attribute_model && { attribute_model: c.attribute_model }),
    })),
  );
  return encodedLength(json) > MAX_FILTER_PARAM ? null : json;
}

/** Whether conditions can be kept in the URL (the builder says so when they cannot). */
export const fitsInUrl = (conditions: readonly ParamCondition[]) => writeFilterParam(conditions) !== null;
