import type { Db } from "@/db/client";
import type { CustomAttributeDefinition, CustomAttributeModel } from "@/db/schema";
import { AppError, type FieldErrors } from "@/lib/errors";
import { listDefinitions } from "./definitions";

/**
 * The problem with one value for its definition's type, or null when it is acceptable. `null`
 * clears a value and is always accepted; keys without a definition are free-form (Chatwoot).
 */
export function valueProblem(d: Pick<CustomAttributeDefinition, "attributeDisplayType" | "attributeValues" | "regexPattern">, value: unknown): string | null {
  if (value === null) return null;
  switch (d.attributeDisplayType) {
    case "text":
      if (typeof value !== "string") return "must be text";
      // The pattern is an administrator's; a bounded subject bounds what a bad pattern can cost.
      if (value.length > 10_000) return "is too long (maximum is 10000 characters)";
      if (d.regexPattern && !new RegExp(d.regexPattern, "u").test(value)) return "does not match the required format";
      return null;
    case "number":
      return (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) ? null : "must be a number";
    case "link": {
      if (typeof value !== "string") return "must be a link";
      try {
        const url = new URL(value);
        return url.protocol === "http:" || url.protocol === "https:" ? null : "must be an http(s) link";
      } catch {
        return "must be an http(s) link";
      }
    }
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : "must be a date (YYYY-MM-DD)";
    case "list":
      return typeof value === "string" && d.attributeValues.includes(value) ? null : `must be one of ${d.attributeValues.join(", ")}`;
    case "checkbox":
      return typeof value === "boolean" ? null : "must be true or false";
  }
}

/** 422 naming `custom_attributes.<key>` for each value its definition refuses; nothing is written. */
export async function assertCustomAttributeValues(
  db: Db,
  { accountId, model, values }: { accountId: number; model: CustomAttributeModel; values: Record<string, unknown> | undefined },
): Promise<void> {
  if (!values || !Object.keys(values).length) return;
  const definitions = new Map((await listDefinitions(db, { accountId, model })).map((d) => [d.attributeKey, d]));
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(values)) {
    const d = definitions.get(key);
    const problem = d ? valueProblem(d, value) : null;
    if (problem) errors[`custom_attributes.${key}`] = [problem];
  }
  if (Object.keys(errors).length) throw AppError.validation(errors);
}
