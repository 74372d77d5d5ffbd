import type { Rng } from "./scale";

/** R4's vocabulary of bad input: values, bodies and query strings that a route must survive. */
export const HUGE = "x".repeat(200_001);
export const OVERSIZED_BODY = JSON.stringify({ content: "y".repeat(1_100_000), name: "big" });

export const ODD_STRINGS = [
  "a\u0000b", // NUL
  "\ud800", // lone high surrogate
  "x\udfffy", // lone low surrogate
  "\u202eevil\u202c", // RTL override
  "👩🏽‍💻👨‍👩‍👧", // emoji ZWJ sequences
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🀄 𠜎", // 4-byte characters
  "e\u0301\u0301\u0301", // stacked combining marks
  "\ufeff\u200b", // BOM, zero-width space
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "../../etc/passwd",
  "%00%ff",
  "",
  "   ",
  HUGE,
];

export const ODD_NUMBERS: unknown[] = [-1, 0, 1.5, -0.0001, 2147483648, 99999999999999999999, 1e308, "NaN", "Infinity", "1e3", "0x10", " 7", true, null, [], {}];

/** Path-param values that name nothing: out-of-range, negative, fractional, not numbers at all. */
export const BAD_IDS = ["99999999999999999999", "2147483648", "-1", "0", "1.5", "NaN", "Infinity", "1e3", "0x1F", " 1", "1 ", "٣", "\u0000", "\ud800", "👩🏽‍💻", "x".repeat(10_000)];
export const BAD_IDENTIFIERS = ["nope", "\u0000", "\ud800", "\u202e", "👩🏽‍💻", "x".repeat(10_000), "..", "%"];

export const MALFORMED_JSON = ['{"content": "hi",', "[1,", "{'a': 1}", "nope", '{"a":1}}', "\u0000", '{"a": NaN}', '{"a": "\\ud800"', "{".repeat(5_000)];

/** Field names the app's bodies use; a random body sets a few of them to bad values. */
export const FIELDS = [
  "content",
  "message",
  "status",
  "priority",
  "name",
  "display_name",
  "email",
  "phone_number",
  "identifier",
  "identifier_hash",
  "source_id",
  "inbox_id",
  "contact_id",
  "assignee_id",
  "labels",
  "typing_status",
  "private",
  "is_private",
  "message_type",
  "content_type",
  "content_attributes",
  "custom_attributes",
  "additional_attributes",
  "submitted_values",
  "availability",
  "account_id",
  "role",
  "password",
  "current_password",
  "password_confirmation",
  "title",
  "short_code",
  "description",
  "color",
  "user_ids",
  "website_url",
  "widget_color",
  "greeting_message",
  "echo_id",
  "snoozed_until",
  "show_on_sidebar",
  "enable_auto_assignment",
  "hmac_mandatory",
  "allowed_domains",
  "working_hours",
  "avatar_url",
  "blocked",
  "company_name",
];
/** Chatwoot-style wrappers some bodies accept (`{ profile: {…} }`, `{ label: {…} }`). */
export const WRAPPERS = ["profile", "label", "canned_response", "inbox", "contact", "agent", "message", "channel"];

export const QUERY_KEYS = [
  "status",
  "assignee_type",
  "inbox_id",
  "q",
  "sort_by",
  "page",
  "before",
  "after",
  "search",
  "labels[]",
  "since",
  "sort",
  "include_contact_inboxes",
  // The report APIs' parameters (v2 reports, summary_reports, CSAT).
  "until",
  "metric",
  "type",
  "id",
  "group_by",
  "timezone_offset",
  "business_hours",
  "user_id",
  "rating[]",
  "inbox_id[]",
  "user_ids[]",
];

export function badValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 1 ? 3 : 6)) {
    case 0:
      return rng.pick(ODD_STRINGS);
    case 1:
      return rng.pick(ODD_NUMBERS);
    case 2:
      return rng.chance(0.5) ? "valid-looking text" : 42;
    case 3:
      // A long array only of flat values, so a body stays well under the 1 MB cap.
      return depth === 0 && rng.chance(0.2) ? Array.from({ length: 2_000 }, () => rng.int(10)) : Array.from({ length: rng.int(4) }, () => badValue(rng, depth + 1));
    case 4:
      return randomObject(rng, depth + 1);
    default:
      return { __proto__: "x", constructor: { prototype: 1 } };
  }
}

export function randomObject(rng: Rng, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 1 + rng.int(4); i > 0; i--) out[rng.pick(FIELDS)] = badValue(rng, depth);
  return out;
}

/** A random bad JSON body: an object of bad fields, sometimes wrapped, sometimes not an object at all. */
export function randomBody(rng: Rng): unknown {
  const r = rng.next();
  if (r < 0.1) return rng.pick([[], 42, "x", null, true, [{}]]);
  if (r < 0.15) return {};
  const body = randomObject(rng);
  return r < 0.35 ? { [rng.pick(WRAPPERS)]: body } : body;
}

export function randomQuery(rng: Rng): string {
  const q = new URLSearchParams();
  for (let i = 1 + rng.int(3); i > 0; i--) {
    const v = rng.pick([...ODD_STRINGS.slice(0, -1), "-1", "1.5", "NaN", "99999999999999999999", "0", "[]", "{}", "x".repeat(5_000)]);
    q.append(rng.pick(QUERY_KEYS), v);
  }
  return q.toString();
}
