import { MessageType, type ThreadMessage } from "./thread-message";

export type Delivery = "sent" | "delivered" | "read" | "failed";

/**
 * E7: an agent's message to the visitor shows sent / delivered / read. It is read once the
 * contact's last seen is at or after it (kept live from `conversation.read`), or when the server
 * already marked it read; private notes and activity have no mark.
 */
export function deliveryOf(m: Pick<ThreadMessage, "message_type" | "private" | "status" | "created_at">, contactLastSeenAt: number): Delivery | null {
  if (m.private || (m.message_type !== MessageType.outgoing && m.message_type !== MessageType.template)) return null;
  if (m.status === "failed") return "failed";
  if (m.status === "read" || (contactLastSeenAt > 0 && contactLastSeenAt >= m.created_at)) return "read";
  if (m.status === "delivered") return "delivered";
  return "sent";
}
