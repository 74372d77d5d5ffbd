/**
 * The one home of input validation: field schemas (text, ids, attributes), the NUL guard, Unicode
 * clean-up, and turning zod issues into a 422 naming each field. Request wrappers (lib/http) validate
 * at the edge with these; domain functions take the typed result.
 */
export { fieldErrors, parseInput } from "./parse-input";
export { wellFormed } from "./well-formed";
export { attributes, BLANK, hasNoNul, hexColour, isLookupKey, jsonWithoutNul, noNul, NUL_MESSAGE, requiredText, text, tooLong, trimmedText } from "./text";
export { INT4_MAX, pathId, queryMessageId, queryRecordId, recordId } from "./ids";
export { assertJsonDepth, attributesShallow, ATTRIBUTES_DEPTH_MESSAGE, MAX_ATTRIBUTES_DEPTH, MAX_JSON_DEPTH, tooDeep } from "./json-depth";
