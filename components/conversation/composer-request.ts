import type { ApiInit } from "@/components/operator/api";

/** SPEC §4 / M1: at most this many attachments per message. */
export const MAX_ATTACHMENTS = 15;

export type OutgoingDraft = { content: string; private: boolean; echoId: string; files: File[] };

/** Whether there is anything to send: an empty message without attachments is invalid (M1). */
export function canSend(content: string, files: readonly File[]): boolean {
  return content.trim().length > 0 || files.length > 0;
}

/**
 * The body of POST …/conversations/:id/messages: JSON for text, multipart with Chatwoot's field
 * names (`attachments[]`) when files go with it. The echo_id makes a retry idempotent (M6).
 */
export function messageRequest(draft: OutgoingDraft): Pick<ApiInit, "json" | "form"> {
  if (draft.files.length === 0) {
    return { json: { content: draft.content, message_type: "outgoing", private: draft.private, echo_id: draft.echoId } };
  }
  const form = new FormData();
  form.append("content", draft.content);
  form.append("message_type", "outgoing");
  form.append("private", String(draft.private));
  form.append("echo_id", draft.echoId);
  for (const file of draft.files) form.append("attachments[]", file, file.name);
  return { form };
}

/** The tray after adding files: up to MAX_ATTACHMENTS kept, and how many did not fit. */
export function addFiles(current: readonly File[], incoming: readonly File[]): { files: File[]; rejected: number } {
  const room = Math.max(0, MAX_ATTACHMENTS - current.length);
  return { files: [...current, ...incoming.slice(0, room)], rejected: Math.max(0, incoming.length - room) };
}
