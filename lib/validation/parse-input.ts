import type { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

/** zod issues → `{ field: [messages] }`, the shape a 422 carries. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "base";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Parses domain input; invalid input is a 422 naming each field, never a thrown ZodError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.validation(fieldErrors(result.error));
  return result.data;
}
