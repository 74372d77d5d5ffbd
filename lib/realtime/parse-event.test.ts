import { describe, expect, it } from "vitest";
import { parseEvent } from "./parse-event";

describe("parseEvent (E1: the typed contract browsers read)", () => {
  it("E1 gives a known event with its payload, narrowed by name", () => {
    const e = parseEvent("conversation.agent_seen", JSON.stringify({ id: 7, agent_last_seen_at: 1_700_000_000, account_id: 3 }));
    expect(e).toEqual({ type: "conversation.agent_seen", data: { id: 7, agent_last_seen_at: 1_700_000_000, account_id: 3 } });
    if (e?.type === "conversation.agent_seen") expect(e.data.agent_last_seen_at).toBe(1_700_000_000);
  });

  it("refuses unknown names, data that is not a JSON object, and payloads without their account", () => {
    expect(parseEvent("conversation.deleted", '{"account_id":1}')).toBeNull();
    expect(parseEvent("message.created", "not json")).toBeNull();
    expect(parseEvent("message.created", "[1,2]")).toBeNull();
    expect(parseEvent("message.created", "null")).toBeNull();
    expect(parseEvent("message.created", '{"id":1}')).toBeNull();
    expect(parseEvent("ready", "{}")).toBeNull();
  });
});
