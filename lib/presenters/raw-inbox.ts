import type { Inbox } from "@/db/schema";
import { CHANNEL_CLASS } from "./conversation-push";

/** Rails `as_json` of an Inbox (RawInbox): every column, snake_case, datetimes as ISO-8601 UTC. */
export function presentRawInbox(inbox: Inbox): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Chatwoot keeps an inbox's bot in agent_bot_inboxes, not on the inbox row (AB2).
  const { agentBotId: _bot, ...columns } = inbox;
  void _bot;
  for (const [key, value] of Object.entries(columns)) {
    out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value instanceof Date ? value.toISOString() : value;
  }
  out.channel_type = CHANNEL_CLASS[inbox.channelType];
  return out;
}
