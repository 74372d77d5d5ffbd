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

/**
 * A fresh echo_id (a v4 UUID). crypto.randomUUID exists only in secure contexts, and an install
 * reached over plain http on a LAN is not one, so it falls back to getRandomValues, which always is.
 */
export function newEchoId(c: Pick<Crypto, "getRandomValues"> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof c.randomUUID === "function") return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
