import { z } from "zod";

/** Ids are Postgres `integer`s: a larger number is not an id, and must be refused before SQL sees it. */
export const INT4_MAX = 2_147_483_647;

/** An id in a JSON body: a positive integer, or its decimal string (form posts). */
export const recordId = z.union([
  z.number().int("must be an integer").positive("must be positive").max(INT4_MAX, "is not a valid id"),
  z.string().regex(/^\d{1,10}$/, "is not a number").transform(Number).pipe(z.number().positive("must be positive").max(INT4_MAX, "is not a valid id")),
]);

/** An id in a query string. */
export const queryRecordId = z.string().regex(/^\d{1,10}$/, "must be an id").transform(Number).pipe(z.number().max(INT4_MAX, "is not a valid id"));

/** Postgres text cannot hold U+0000; a query string carrying one is bad input, not a server error. */
export const hasNoNul = (s: string | undefined) => s === undefined || !s.includes("\u0000");
export const NUL_MESSAGE = "contains a null character";
