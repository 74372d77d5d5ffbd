import { z } from "zod";
import { AppError } from "@/lib/errors";
import { attributes as attributesSchema, fieldErrors, noNul, NUL_MESSAGE, text } from "@/lib/validation";

export const E164 = /^\+[1-9]\d{1,14}$/;

/** Blank strings mean "no value", as Chatwoot's before_validation turns '' into nil. */
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

const email = z.preprocess(blankToNull, z.string().trim().toLowerCase().pipe(z.email("is invalid")).nullable());
const phone = z.preprocess(blankToNull, z.string().trim().regex(E164, "is invalid").nullable());
const identifier = z.preprocess(blankToNull, z.string().trim().max(255, "is too long (maximum is 255 characters)").refine(noNul, NUL_MESSAGE).nullable());
const attributes = attributesSchema();

/** Contact fields as the APIs receive them (snake_case, Chatwoot's request names). */
export const contactInputSchema = z.object({
  name: z.string().trim().max(255, "is too long (maximum is 255 characters)").refine(noNul, NUL_MESSAGE).optional(),
  email: email.optional(),
  phone_number: phone.optional(),
  identifier: identifier.optional(),
  additional_attributes: attributes.optional(),
  custom_attributes: attributes.optional(),
  blocked: z.boolean().optional(),
});
export type ContactInput = z.input<typeof contactInputSchema>;

/**
 * The contact fields a visitor sends (Client API §A1/§A3, widget §C3/§C4), types and sizes only: the
 * contact rules (K1) run later, strict for the Client API and discarding for the widget. Each body adds
 * what is its own (the Client API's source_id, the widget's additional_attributes).
 */
export const visitorContactFields = {
  identifier: text(255).nullish(),
  identifier_hash: text(255).nullish(),
  name: text(255).nullish(),
  email: text(255).nullish(),
  phone_number: text(255).nullish(),
  // Accepted for compatibility; Parley stores no contact avatars yet.
  avatar_url: text(2048).nullish(),
  custom_attributes: attributesSchema().optional(),
};
export type ParsedContactInput = z.output<typeof contactInputSchema>;

/**
 * "strict": any invalid field is a 422 naming it (K1). "discard": the widget's behaviour — an invalid
 * email or phone is dropped as if it had not been sent; other invalid fields still fail.
 */
export type ContactInputMode = "strict" | "discard";

export function parseContactInput(input: unknown, mode: ContactInputMode = "strict"): ParsedContactInput {
  let result = contactInputSchema.safeParse(input);
  if (!result.success && mode === "discard" && input && typeof input === "object") {
    const bad = new Set(result.error.issues.map((i) => String(i.path[0])));
    const kept = Object.fromEntries(Object.entries(input).filter(([k]) => !((k === "email" || k === "phone_number") && bad.has(k))));
    result = contactInputSchema.safeParse(kept);
  }
  if (!result.success) throw AppError.validation(fieldErrors(result.error));
  return result.data;
}
