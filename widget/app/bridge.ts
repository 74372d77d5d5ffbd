import type { createApi } from "./api";

/** What the chat tells the host page (through the loader, main.ts addresses it to the host's origin only). */
export type Bridge = {
  setToken(token: string | null): void;
  setColor(color: string): void;
  /** The unread count, and the first words of the latest unread reply for the bubble's preview card (W7). */
  setUnread(count: number, preview?: { preview: string; name?: string }): void;
  /** An SDK event for the host page (`chatwoot:<name>` and `parley:<name>`, SD2). */
  event(name: string, data: unknown): void;
  popout(): void;
  close(): void;
  /** The loader's bubble and frame labels, in the widget's language. */
  setLabels(labels: { open: string; close: string; title: string; launcher: string; newMessage: string }): void;
};

/** $chatwoot's conversation and attribute calls (SD3) as Widget API requests; undefined for an unknown call. */
export function sdkCall(api: ReturnType<typeof createApi>, op: string, arg: unknown): Promise<unknown> | undefined {
  const name = String(arg ?? "");
  const calls: Record<string, () => Promise<unknown>> = {
    deleteCustomAttribute: () => api("POST", "contact/destroy_custom_attributes", { custom_attributes: [name] }),
    setConversationCustomAttributes: () => api("POST", "conversations/set_custom_attributes", { custom_attributes: arg }),
    deleteConversationCustomAttribute: () => api("POST", "conversations/destroy_custom_attributes", { custom_attribute: [name] }),
    setLabel: () => api("POST", "labels", { label: name }),
    removeLabel: () => api("DELETE", `labels/${encodeURIComponent(name)}`),
  };
  return calls[op]?.();
}
