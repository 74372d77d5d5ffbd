import { AppError } from "@/lib/errors";

/** Nesting allowed anywhere in a JSON body (issue #13 §6). */
export const MAX_JSON_DEPTH = 32;

/**
 * Where `value` nests deeper than `max` (objects and arrays count one level each; `{}` is depth 1):
 * the path to the first such place, or null. Iterative, so a body of half a million nested arrays —
 * which JSON.parse accepts but any recursive walk (JSON.stringify included) overflows the stack on —
 * is measured, not crashed on.
 */
export function tooDeep(value: unknown, max: number): (string | number)[] | null {
  const stack: { v: unknown; depth: number; path: (string | number)[] }[] = [{ v: value, depth: 0, path: [] }];
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > max) return path;
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, depth: depth + 1, path: [...path, i] }));
    else for (const [k, item] of Object.entries(v)) stack.push({ v: item, depth: depth + 1, path: [...path, k] });
  }
  return null;
}

/**
 * A parsed JSON body nesting deeper than MAX_JSON_DEPTH is a 422 naming the top-level field it is
 * under (`body` when the body itself is too deep), before anything else walks it.
 */
export function assertJsonDepth(value: unknown, max = MAX_JSON_DEPTH): void {
  const path = tooDeep(value, max);
  if (!path) return;
  const field = path.length > 0 && typeof path[0] === "string" ? path[0] : "body";
  throw AppError.validation({ [field]: [`is nested too deeply (maximum depth is ${max})`] });
}

/** Attributes (custom / additional): an object whose values nest at most this deep. */
export const MAX_ATTRIBUTES_DEPTH = 3;

/** A zod refinement for attribute objects: `{ plan: "gold", tags: ["a"], address: { city: "…" } }` is fine. */
export const attributesShallow = (v: unknown) => tooDeep(v, MAX_ATTRIBUTES_DEPTH) === null;
export const ATTRIBUTES_DEPTH_MESSAGE = `is nested too deeply (maximum depth is ${MAX_ATTRIBUTES_DEPTH})`;
