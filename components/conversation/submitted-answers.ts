/**
 * What a visitor answered to an interactive message (email collect, forms): Chatwoot keeps it in
 * `content_attributes.submitted_values` ([{name, title, value}]) and `submitted_email`. Shown under
 * the question so the agent reads the answer where it was asked.
 */
export function submittedAnswers(attrs: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (Array.isArray(attrs.submitted_values)) {
    for (const v of attrs.submitted_values) {
      if (!v || typeof v !== "object") continue;
      const { title, name, value } = v as Record<string, unknown>;
      if (value === null || value === undefined || value === "") continue;
      const label = typeof title === "string" && title ? title : typeof name === "string" ? name : "";
      const text = typeof value === "object" ? JSON.stringify(value) : String(value);
      out.push(label ? `${label}: ${text}` : text);
    }
  }
  if (!out.length && typeof attrs.submitted_email === "string" && attrs.submitted_email) out.push(attrs.submitted_email);
  return out;
}
