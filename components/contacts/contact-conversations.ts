import { api } from "@/components/operator/api";

/** One of a contact's conversations as the contact page and the conversation's contact panel list them. */
export type ContactConversationRow = { id: number; status: string; inbox_id: number; last_activity_at: number; preview: string };

type Json = Record<string, unknown>;

/** `GET /contacts/:id/conversations` (only what the caller may see), reduced to list rows. */
export async function loadContactConversations(accountId: number, contactId: number, signal: AbortSignal): Promise<ContactConversationRow[]> {
  const res = await api<{ payload: Json[] }>(accountId, `/contacts/${contactId}/conversations`, { signal });
  return res.payload.map((p) => {
    const last = (p.last_non_activity_message ?? null) as Json | null;
    return {
      id: Number(p.id),
      status: String(p.status),
      inbox_id: Number(p.inbox_id),
      last_activity_at: Number(p.last_activity_at),
      preview: typeof last?.content === "string" ? last.content : "",
    };
  });
}
