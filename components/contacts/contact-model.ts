/** A contact as the contacts UI edits it: the Application API's AppContact fields it reads. */
export type EditableContact = {
  id: number;
  name: string;
  email: string | null;
  phone_number: string | null;
  identifier: string | null;
  additional_attributes: Record<string, unknown>;
  custom_attributes: Record<string, unknown>;
  last_activity_at?: number | null;
  created_at?: number | null;
};

export type AttributeType = "text" | "number" | "date" | "list" | "checkbox" | "link";
export type AttributeDefinition = {
  id: number;
  attribute_display_name: string;
  attribute_key: string;
  attribute_display_type: AttributeType;
  attribute_model: "contact_attribute" | "conversation_attribute";
  attribute_description: string | null;
  attribute_values: string[];
};

/** The standard fields the UI edits and where each lives in the API's body. */
export type StandardField = "name" | "email" | "phone_number" | "company" | "city" | "country";
export const ADDITIONAL_KEYS: Partial<Record<StandardField, string>> = { company: "company_name", city: "city", country: "country" };

export function standardValue(c: EditableContact, field: StandardField): string {
  const key = ADDITIONAL_KEYS[field];
  const v = key ? c.additional_attributes[key] : c[field as "name" | "email" | "phone_number"];
  return typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);
}

/** The PUT body that sets one standard field (blank clears it). */
export function standardPatch(field: StandardField, value: string): Record<string, unknown> {
  const key = ADDITIONAL_KEYS[field];
  const v = value.trim();
  if (key) return { additional_attributes: { [key]: v === "" ? null : v } };
  return { [field]: v === "" && field !== "name" ? null : v };
}

/**
 * A custom attribute's typed value from what its input holds: numbers as numbers, a checkbox as a
 * boolean, blank as null (clears it). What the API refuses comes back as a 422 naming the key.
 */
export function attributeValue(type: AttributeType, raw: string | boolean): unknown {
  if (type === "checkbox") return raw === true || raw === "true";
  const v = String(raw).trim();
  if (v === "") return null;
  if (type === "number" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

/** How a stored value reads in an input of its type. */
export function attributeInput(type: AttributeType, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (type === "date" && typeof value === "string") return value.slice(0, 10);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
