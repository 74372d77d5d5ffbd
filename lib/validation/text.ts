import { z } from "zod";
import { ATTRIBUTES_DEPTH_MESSAGE, attributesShallow } from "./json-depth";

/**
 * Postgres cannot store NUL (U+0000) in text or jsonb and answers with an error; client input carrying
 * one is a 422 naming the field instead of a 500 (R4).
 */
export const NUL_MESSAGE = "contains a null character";
export const noNul = (s: string) => !s.includes("\u0000");
/** For optional query values: absent passes. */
export const hasNoNul = (s: string | undefined) => s === undefined || noNul(s);
/** A JSON value (attributes, submitted values) with no NUL anywhere, keys included. */
export const jsonWithoutNul = (v: unknown) => !JSON.stringify(v ?? null).includes("\\u0000");

/** Rails' length message, which Chatwoot clients show as is. */
export const tooLong = (max: number) => `is too long (maximum is ${max} characters)`;

/** A string of at most `max` characters without NUL, kept as sent. */
export const text = (max: number) => z.string().max(max, tooLong(max)).refine(noNul, NUL_MESSAGE);

/** A string trimmed first, then at most `max` characters without NUL. */
export const trimmedText = (max: number) => z.string().trim().max(max, tooLong(max)).refine(noNul, NUL_MESSAGE);

/**
 * A JSON object of attributes (`custom_attributes`, `additional_attributes`): values nest at most
 * MAX_ATTRIBUTES_DEPTH deep (checked first, so nothing recursive walks a deeper one), no NUL anywhere.
 */
export const attributes = () => z.record(z.string(), z.unknown()).refine(attributesShallow, ATTRIBUTES_DEPTH_MESSAGE).refine(jsonWithoutNul, NUL_MESSAGE);

/** Rails' presence message. */
export const BLANK = "can't be blank";

/** A required string: trimmed, not blank, at most `max` characters, without NUL. */
export const requiredText = (max: number) => z.string(BLANK).trim().min(1, BLANK).max(max, tooLong(max)).refine(noNul, NUL_MESSAGE);

/**
 * A value from a path or query used to look a row up (a website_token, an inbox identifier): a
 * non-empty string of at most 255 characters without NUL. Anything else names nothing (404).
 */
export const isLookupKey = (raw: unknown): raw is string => typeof raw === "string" && raw !== "" && raw.length <= 255 && noNul(raw);

/** A colour as the settings store it: `#` and six hex digits. */
export const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #1f93ff");
