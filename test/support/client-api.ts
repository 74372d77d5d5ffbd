import { PEER_HEADER, peerHeaders } from "@/lib/http/client-ip";
import type { RouteHandler } from "@/lib/http/edge";
import * as inbox from "@/app/public/api/v1/inboxes/[inboxIdentifier]/route";
import * as contactsRoute from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/route";
import * as contact from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/route";
import * as conversationsRoute from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/route";
import * as conversation from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/route";
import * as toggleStatus from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/toggle_status/route";
import * as toggleTyping from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/toggle_typing/route";
import * as updateLastSeen from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/update_last_seen/route";
import * as messagesRoute from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/messages/route";
import * as message from "@/app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/messages/[messageId]/route";

/**
 * The Client API's route files behind a tiny router, so tests speak in URLs as a Chatwoot client
 * would (`POST /public/api/v1/inboxes/<token>/contacts`) while Next's file routing stays out of it.
 */
const BASE = "public/api/v1/inboxes/[inboxIdentifier]";
const C = `${BASE}/contacts/[contactIdentifier]/conversations/[conversationId]`;
const ROUTES: [string, Record<string, unknown>][] = [
  [BASE, inbox],
  [`${BASE}/contacts`, contactsRoute],
  [`${BASE}/contacts/[contactIdentifier]`, contact],
  [`${BASE}/contacts/[contactIdentifier]/conversations`, conversationsRoute],
  [C, conversation],
  [`${C}/toggle_status`, toggleStatus],
  [`${C}/toggle_typing`, toggleTyping],
  [`${C}/update_last_seen`, updateLastSeen],
  [`${C}/messages`, messagesRoute],
  [`${C}/messages/[messageId]`, message],
];

export type ClientResponse = { status: number; headers: Headers; text: string; body: unknown };

export type ClientCall = {
  /** JSON-encoded unless a string, which is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
};

let calls = 0;
const nextAddress = () => {
  const n = ++calls;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/** Calls the route file that serves `method path` with the params Next would pass. */
export async function clientApi(method: string, path: string, opts: ClientCall = {}): Promise<ClientResponse> {
  const url = new URL(path, "http://parley.test");
  const segments = url.pathname.split("/").filter(Boolean);
  for (const [pattern, mod] of ROUTES) {
    const parts = pattern.split("/");
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const match = parts.every((p, i) => {
      if (p.startsWith("[")) return ((params[p.slice(1, -1)] = decodeURIComponent(segments[i]!)), true);
      return p === segments[i];
    });
    if (!match) continue;
    const handler = mod[method] as RouteHandler | undefined;
    if (!handler) return { status: 405, headers: new Headers(), text: "", body: undefined };
    const headers = new Headers(opts.headers);
    if (opts.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
    // Each call from an address of its own unless the test names one: W6 (per-IP limits) is tested on its own.
    if (!headers.has(PEER_HEADER)) headers.set(PEER_HEADER, peerHeaders(nextAddress())[PEER_HEADER]!);
    const body = opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    const res = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  }
  throw new Error(`no Client API route for ${method} ${path}`);
}
