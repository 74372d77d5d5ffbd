import type { AgentBot } from "@/db/schema";

/** `AgentBot#push_event_data` (chatwoot-api.md §1 AgentBotPush): a bot as a message's sender (AB4). */
export type AgentBotPush = { id: number; name: string; avatar_url: string; type: "agent_bot" };

export const presentAgentBotPush = (b: Pick<AgentBot, "id" | "name" | "avatarUrl">): AgentBotPush => ({ id: b.id, name: b.name, avatar_url: b.avatarUrl ?? "", type: "agent_bot" });
