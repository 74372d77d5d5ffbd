import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { attributes, INT4_MAX, isLookupKey, parseInput, pathId, queryMessageId, requiredText, text, trimmedText } from "@/lib/validation";

const errorsOf = (schema: z.ZodType, input: unknown) => {
  try {
    parseInput(z.object({ f: schema }), { f: input });
    return null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return err.fields;
  }
};

describe("field schemas (R4: bad input is a 422 naming the field)", () => {
  it("text keeps what was sent, up to its length, and refuses NUL", () => {
    expect(parseInput(text(5), " ab ")).toBe(" ab ");
    expect(errorsOf(text(5), "abcdef")).toEqual({ f: ["is too long (maximum is 5 characters)"] });
    expect(errorsOf(text(5), "a\u0000")).toEqual({ f: ["contains a null character"] });
  });

  it("trimmedText trims before measuring; requiredText also refuses blank", () => {
    expect(parseInput(trimmedText(3), "  abc  ")).toBe("abc");
    expect(errorsOf(requiredText(10), "   ")).toEqual({ f: ["can't be blank"] });
    expect(errorsOf(requiredText(10), 5)).toEqual({ f: ["can't be blank"] });
  });

  it("attributes are an object without NUL anywhere, keys included", () => {
    expect(parseInput(attributes(), { plan: "pro" })).toEqual({ plan: "pro" });
    expect(errorsOf(attributes(), { "k\u0000": 1 })).toEqual({ f: ["contains a null character"] });
    expect(errorsOf(attributes(), "vip")).not.toBeNull();
  });

  it("pathId takes plain positive integers within int4 and nothing else", () => {
    expect(pathId.safeParse("42").data).toBe(42);
    expect(pathId.safeParse(String(INT4_MAX)).data).toBe(INT4_MAX);
    for (const bad of ["0", "-1", "1e3", "01", " 1", String(INT4_MAX + 1), "99999999999"]) expect(pathId.safeParse(bad).success, bad).toBe(false);
  });

  it("queryMessageId names the field's problem; isLookupKey takes non-empty keys without NUL", () => {
    expect(queryMessageId.safeParse("7").data).toBe(7);
    expect(errorsOf(queryMessageId, "2147483648")).toEqual({ f: ["must be a message id"] });
    expect(isLookupKey("tok_1")).toBe(true);
    for (const bad of ["", "a\u0000b", "t".repeat(256), 5, null]) expect(isLookupKey(bad)).toBe(false);
  });
});
