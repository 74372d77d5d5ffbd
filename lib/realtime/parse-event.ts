import { EVENT_TYPES, type EventType, type RealtimeEvent } from "./event-types";

const KNOWN = new Set<string>(EVENT_TYPES);

export const isEventType = (name: string): name is EventType => KNOWN.has(name);

/**
 * A stream message as the typed event it is (browser-safe: operator app and widget). Unknown names,
 * data that is not a JSON object, or an object without its `account_id` are not events of this
 * contract and give null. The payload's shape is the server's promise (event-types.ts, pinned by
 * lib/presenters/presenters.test.ts and the stream suites); it is not re-validated field by field.
 */
export function parseEvent(name: string, data: string): RealtimeEvent | null {
  if (!isEventType(name)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed) || typeof (parsed as { account_id?: unknown }).account_id !== "number") return null;
  return { type: name, data: parsed } as RealtimeEvent;
}
