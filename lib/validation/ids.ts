import { z } from "zod";

/** Ids are Postgres `integer`s: a larger number is not an id, and must be refused before SQL sees it. */
export const INT4_MAX = 2_147_483_647;

/** An id in a JSON body: a positive integer, or its decimal string (form posts). */
export const recordId = z.union([
  z.number().int("must be an integer").positive("must be positive").max(INT4_MAX, "is not a valid id"),
  z
    .string()
    .regex(/^\d{1,10}$/, "is not a number")
    .transform(Number)
    .pipe(z.number().positive("must be positive").max(INT4_MAX, "is not a valid id")),
]);

/** An id in a query string. */
export const queryRecordId = z
  .string()
  .regex(/^\d{1,10}$/, "must be an id")
  .transform(Number)
  .pipe(z.number().max(INT4_MAX, "is not a valid id"));

/**
 * An id in a URL path. Anything that is not a plain positive integer within int4 names no resource:
 * the route answers 404, not 422, and the value never reaches a query.
 */
export const pathId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .refine((n) => n <= INT4_MAX);

/** A message id in a query (`before`, `after`): digits within int4, else a 422 on that field. */
export const queryMessageId = z
  .string()
  .regex(/^\d{1,10}$/, "must be a message id")
  .transform(Number)
  .refine((n) => n <= INT4_MAX, "must be a message id");
