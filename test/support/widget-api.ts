import { PEER_HEADER, peerHeaders } from "@/lib/http/client-ip";
import type { RouteHandler } from "@/lib/http/edge";
import * as config from "@/app/api/v1/widget/config/route";
import * as contact from "@/app/api/v1/widget/contact/route";
import * as setUser from "@/app/api/v1/widget/contact/set_user/route";
import * as conversationsRoute from "@/app/api/v1/widget/conversations/route";
import * as lastSeen from "@/app/api/v1/widget/conversations/update_last_seen/route";
import * as typing from "@/app/api/v1/widget/conversations/toggle_typing/route";
import * as toggleStatus from "@/app/api/v1/widget/conversations/toggle_status/route";
import * as messagesRoute from "@/app/api/v1/widget/messages/route";
import * as message from "@/app/api/v1/widget/messages/[messageId]/route";
import * as stream from "@/app/api/v1/widget/stream/route";
import * as page from "@/app/widget/route";
import * as inboxMembersRoute from "@/app/api/v1/widget/inbox_members/route";
import * as labelsRoute from "@/app/api/v1/widget/labels/route";
import * as labelRoute from "@/app/api/v1/widget/labels/[label]/route";
import * as conversationAttrs from "@/app/api/v1/widget/conversations/set_custom_attributes/route";
import * as conversationAttrsGone from "@/app/api/v1/widget/conversations/destroy_custom_attributes/route";
import * as contactAttrsGone from "@/app/api/v1/widget/contact/destroy_custom_attributes/route";
import * as eventsRoute from "@/app/api/v1/widget/events/route";

/** The Widget API's route files behind a tiny router, so tests speak in URLs as the widget does. */
const ROUTES: [string, Record<string, unknown>][] = [
  ["api/v1/widget/config", config],
  ["api/v1/widget/contact", contact],
  ["api/v1/widget/contact/set_user", setUser],
  ["api/v1/widget/conversations", conversationsRoute],
  ["api/v1/widget/conversations/update_last_seen", lastSeen],
  ["api/v1/widget/conversations/toggle_typing", typing],
  ["api/v1/widget/conversations/toggle_status", toggleStatus],
  ["api/v1/widget/messages", messagesRoute],
  ["api/v1/widget/messages/[messageId]", message],
  ["api/v1/widget/stream", stream],
  ["widget", page],
  ["api/v1/widget/inbox_members", inboxMembersRoute],
  ["api/v1/widget/labels", labelsRoute],
  ["api/v1/widget/labels/[label]", labelRoute],
  ["api/v1/widget/conversations/set_custom_attributes", conversationAttrs],
  ["api/v1/widget/conversations/destroy_custom_attributes", conversationAttrsGone],
  ["api/v1/widget/contact/destroy_custom_attributes", contactAttrsGone],
  ["api/v1/widget/events", eventsRoute],
];

export type WidgetResponse = { status: number; headers: Headers; text: string; body: unknown };
export type WidgetCall = { body?: unknown; token?: string | null; headers?: Record<string, string> };

export function routeFor(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } {
  const url = new URL(path, "http://parley.test");
  const segments = url.pathname.split("/").filter(Boolean);
  for (const [pattern, mod] of ROUTES) {
    const parts = pattern.split("/");
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const match = parts.every((p, i) => (p.startsWith("[") ? ((params[p.slice(1, -1)] = decodeURIComponent(segments[i]!)), true) : p === segments[i]));
    if (!match) continue;
    const handler = mod[method] as RouteHandler | undefined;
    if (!handler) throw new Error(`no ${method} on ${pattern}`);
    return { handler, params };
  }
  throw new Error(`no widget route for ${method} ${path}`);
}

/** Calls the route file that serves `method path`; `token` goes in X-Auth-Token as the widget sends it. */
export async function widgetApi(method: string, path: string, opts: WidgetCall = {}): Promise<WidgetResponse> {
  const { handler, params } = routeFor(method, path);
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("x-auth-token", opts.token);
  if (opts.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  if (!headers.has(PEER_HEADER)) headers.set(PEER_HEADER, peerHeaders("203.0.113.7")[PEER_HEADER]!);
  const body = opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  const res = await handler(new Request(new URL(path, "http://parley.test"), { method, headers, body }), { params: Promise.resolve(params) });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}
