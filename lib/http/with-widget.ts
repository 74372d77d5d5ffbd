import type { Db } from "@/db/client";
import type { Inbox, WebWidget } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { kickRealtime } from "@/lib/realtime/process-hub";
import type { PublicAction } from "@/lib/throttle/public-limits";
import { findWidgetInbox, findWidgetSession, type WidgetSession } from "@/lib/widget/find-widget-inbox";
import type { PreparedAttachment } from "@/lib/attachments/prepare-attachments";
import { edge, type RawParams, type RouteHandler } from "./edge";
import { perIpLimit, readInput, readRequestBody, type InputOptions, type Parsed, type Schema } from "./route-input";

/** The route's input (lib/http/route-input.ts; `params`: other route params such as the message id), and the widget's own options. */
export type WidgetRouteOptions<B extends Schema, Q extends Schema, P extends Schema, C extends boolean> = InputOptions<B, Q, P> & {
  /** Whether a valid X-Auth-Token is required (every endpoint but config). Default true. */
  contact?: C;
  /** W6: the per-IP limit this request counts against, checked after authentication and input. */
  limit?: PublicAction;
  /** A GET that writes (Chatwoot's GET toggle_status): wake realtime delivery after it, as edge() does for mutations. */
  writes?: boolean;
};

export type WidgetContext<B extends Schema, Q extends Schema, P extends Schema, C extends boolean> = {
  req: Request;
  db: Db;
  inbox: Inbox;
  widget: WebWidget;
  ip: string;
  /** Counts one W6 action for this caller's IP; throws the 429 when over. */
  countLimit: (action: PublicAction) => Promise<void>;
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P, RawParams>;
  /** Checked uploads of a multipart request (routes with `files: true`); otherwise empty. */
  files: PreparedAttachment[];
  session: C extends false ? WidgetSession | null : WidgetSession;
};

/**
 * A Widget API route (`/api/v1/widget/…`, chatwoot-api.md §C). `website_token` (query or JSON body)
 * selects the inbox; `X-Auth-Token` (W3) selects the contact_inbox. An unknown website_token, or a
 * missing, forged, expired or other-inbox token, is Chatwoot's 404 "Resource could not be found" —
 * one answer for all, so a prober learns nothing about which part was wrong. Served same-origin to the
 * widget iframe only, so no CORS headers.
 */
export function withWidget<B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined, C extends boolean = true>(
  handler: (ctx: WidgetContext<B, Q, P, C>) => Promise<Response>,
  opts: WidgetRouteOptions<B, Q, P, C> = {},
): RouteHandler {
  return edge(async (req, rawParams, db) => {
    // Read first: the website_token may be in the body.
    const read = await readRequestBody(req, opts, { everyMutation: true });
    const bodyToken = read.raw && typeof read.raw === "object" && !Array.isArray(read.raw) ? (read.raw as Record<string, unknown>).website_token : undefined;
    const { inbox, widget } = await findWidgetInbox(db, new URL(req.url).searchParams.get("website_token") ?? bodyToken);
    const session = await findWidgetSession(db, inbox.id, req.headers.get("x-auth-token"));
    if (!session && opts.contact !== false) throw AppError.notFound();
    const { body, query, params, files } = await readInput(req, rawParams, opts, { read });
    const { ip, countLimit } = await perIpLimit(req, opts.limit);
    const res = await handler({ req, db, inbox, widget, ip, countLimit, body, query, params, files, session } as WidgetContext<B, Q, P, C>);
    if (opts.writes && res.status < 400) void kickRealtime();
    return res;
  });
}
