/** The iframe's Widget API client: same origin, website_token in the query, the visitor's token in X-Auth-Token. */
export type WidgetAttachment = { id: number; file_type: string; extension: string | null; file_size: number; width: number | null; height: number | null };

export type WidgetMessage = {
  id: number;
  content: string | null;
  message_type: number;
  content_type?: string;
  content_attributes: Record<string, unknown>;
  created_at: number;
  conversation_id: number;
  private?: boolean;
  echo_id?: string;
  sender?: { type: string; name?: string; available_name?: string };
  attachments?: WidgetAttachment[];
};

export type PreChatField = { name: string; label: string; type: string; required: boolean; enabled: boolean };

export type WidgetConfig = {
  website_channel_config: {
    auth_token: string;
    /** The language the widget speaks (its words are in `i18n`). */
    locale?: string;
    widget_color: string;
    website_name: string;
    welcome_title: string | null;
    welcome_tagline: string | null;
    reply_time: string;
    enabled_features: string[];
    pre_chat_form_enabled: boolean;
    pre_chat_form_options: { pre_chat_message?: string; pre_chat_fields?: PreChatField[] };
    out_of_office_message: string | null;
    working_hours_enabled: boolean;
    is_open: boolean;
    is_online: boolean;
  };
  contact: { email: string | null; name: string };
  /** Parley's addition: the widget's words in the language chosen for this visitor (words.ts). */
  i18n?: Record<string, string>;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createApi(websiteToken: string, getToken: () => string | null) {
  return async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    const token = getToken();
    if (token) headers["X-Auth-Token"] = token;
    // Uploads go as multipart/form-data (the browser sets the boundary); everything else as JSON.
    const form = body instanceof FormData;
    if (body !== undefined && !form) headers["Content-Type"] = "application/json";
    const res = await fetch(`/api/v1/widget/${path}${path.includes("?") ? "&" : "?"}website_token=${encodeURIComponent(websiteToken)}`, {
      method,
      headers,
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) throw new ApiError(res.status, (data as { error?: string; message?: string } | undefined)?.error ?? (data as { message?: string } | undefined)?.message ?? res.statusText);
    return data as T;
  };
}

/** A conversation as the Client API lists it (chatwoot-api.md §1 PublicConversation): what the home card shows. */
export type PastConversation = { id: number; status: string; contact_last_seen_at: number; messages: WidgetMessage[] };

/**
 * The visitor's conversations in this inbox, from the Client API (`GET /public/api/v1/inboxes/{website_token}
 * /contacts/{source_id}/conversations`): the widget token's own claims name the contact_inbox (its
 * source_id), so no other credential is needed. Empty when there is no token yet.
 */
export async function listConversations(websiteToken: string, token: string | null): Promise<PastConversation[]> {
  const source = token ? sourceIdOf(token) : null;
  if (!source) return [];
  const res = await fetch(`/public/api/v1/inboxes/${encodeURIComponent(websiteToken)}/contacts/${encodeURIComponent(source)}/conversations`);
  if (!res.ok) throw new ApiError(res.status, res.statusText);
  return (await res.json()) as PastConversation[];
}

/** The source_id claim of a widget token (a JWT, W3); the server checks the signature, the widget only reads it. */
function sourceIdOf(token: string): string | null {
  try {
    const claims = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { source_id?: unknown };
    return typeof claims.source_id === "string" ? claims.source_id : null;
  } catch {
    return null;
  }
}

/** The Widget API's multipart shape (Chatwoot's): message[…] fields and message[attachments][] files. */
export function uploadForm(message: Record<string, string | null | undefined>, files: File[]): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(message)) if (v) form.append(`message[${k}]`, v);
  for (const f of files) form.append("message[attachments][]", f, f.name);
  return form;
}
