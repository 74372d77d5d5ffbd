import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation";

/**
 * Input parsing shared by every route wrapper (with-auth, with-public-inbox, with-widget), so the
 * three API surfaces answer bad input the same way: a body or query that does not parse is a 422 with
 * field errors; route params that do not parse name no resource, so they are a 404.
 */
export type Schema = z.ZodType | undefined;
export type Parsed<S extends Schema, Fallback = undefined> = S extends z.ZodType ? z.output<S> : Fallback;

export function parseOr422(schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.validation(fieldErrors(result.error));
  return result.data;
}

export function parseOr404(schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.notFound();
  return result.data;
}
