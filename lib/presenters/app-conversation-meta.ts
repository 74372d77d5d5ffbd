import type { ConversationList } from "@/lib/conversations/list-conversations";

/** The list's `meta` counts in Chatwoot's key order (chatwoot-api.md §B1). */
export function presentListMeta(m: ConversationList["meta"]) {
  return { mine_count: m.mineCount, assigned_count: m.assignedCount, unassigned_count: m.unassignedCount, all_count: m.allCount };
}
