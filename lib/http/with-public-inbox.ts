import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { inboxes, webWidgets, type Contact, type ContactInbox, type Inbox, type WebWidget } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { PreparedAttachment } from "@/lib/attachments/prepare-attachments";
import type { PublicAction } from "@/lib/throttle/public-limits";
import { isLookupKey, pathId } from "@/lib/validation";
import { edge, type RawParams, type RouteHandler } from "./edge";
import { findPublicContact, findPublicContactCached, forgetPublicContact, type PublicContact } from "./public-contact";
import { perIpLimit, readInput, type InputOptions, type Parsed, type Schema } from "./route-input";

/** The route's input (lib/http/route-input.ts; `params`: the conversation and message ids), and the W6 limit. */
export type PublicRouteOptions<B extends Schema, Q extends Schema, P extends Schema> = InputOptions<B, Q, P> & {
  /** W6: the per-IP limit every request counts against, checked after the lookups and input. */
  limit?: PublicAction;
  /**
   * E8 (withPublicContact): take the inbox, widget, contact_inbox and contact from the instance's
   * lookup cache. Only for a handler that checks what it relies on against the rows in its own write
   * (the contact and contact_inbox) or can live with a change reaching it within one event (the inbox
   * and widget settings): the messages POST.
   */
  cached?: boolean;
};

export type PublicInboxContext<B extends Schema, Q extends Schema, P extends Schema> = {
  req: Request;
  db: Db;
  inbox: Inbox;
  widget: WebWidget;
  body: Parsed<B, undefined>;
  query: Parsed<Q, undefined>;
  params: Parsed<P, RawParams>;
  /** Checked uploads of a multipart request (routes with `files: true`); otherwise empty. */
  files: PreparedAttachment[];
  /** Counts one W6 action for this caller's IP; throws the 429 (Retry-After) when over. */
  countLimit: (action: PublicAction) => Promise<void>;
};

export type PublicContactContext<B extends Schema, Q extends Schema, P extends Schema> = PublicInboxContext<B, Q, P> & {
  contact: Contact;
  contactInbox: ContactInbox;
  /** The look-up again from the database (replacing a cached entry): for a write that found it out of date. 404 when gone. */
  reload: () => Promise<PublicContact>;
};

/**
 * A Client API route under `/public/api/v1/inboxes/[inboxIdentifier]/…` (SPEC §8). There is no user:
 * the inbox identifier (the web widget's website_token) selects the inbox, unknown → 404. No cookies
 * are involved, so no Origin check — these routes are cross-origin by nature.
 */
export function withPublicInbox<B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
  handler: (ctx: PublicInboxContext<B, Q, P>) => Promise<Response>,
  opts: PublicRouteOptions<B, Q, P> = {},
): RouteHandler {
  return withCors(
    edge(async (req, rawParams, db) => {
      const { inbox, widget } = await findPublicInbox(db, rawParams.inboxIdentifier);
      const parsed = await readInput(req, rawParams, opts, PUBLIC_BODIES);
      const { countLimit } = await perIpLimit(req, opts.limit);
      return handler({ req, db, inbox, widget, countLimit, ...parsed } as PublicInboxContext<B, Q, P>);
    }),
  );
}

/**
 * As withPublicInbox, plus `[contactIdentifier]` = the contact_inbox's source_id within that inbox
 * (unknown → 404). Both lookups come before any input is read, so a stranger learns nothing else.
 */
export function withPublicContact<B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
  handler: (ctx: PublicContactContext<B, Q, P>) => Promise<Response>,
  opts: PublicRouteOptions<B, Q, P> = {},
): RouteHandler {
  return withCors(
    edge(async (req, rawParams, db) => {
      const { inboxIdentifier, contactIdentifier } = rawParams;
      const found = opts.cached ? await findPublicContactCached(db, inboxIdentifier, contactIdentifier) : await findPublicContact(db, inboxIdentifier, contactIdentifier);
      const parsed = await readInput(req, rawParams, opts, PUBLIC_BODIES);
      const { countLimit } = await perIpLimit(req, opts.limit);
      // Read again, and kept again for the next request when the cache is in use.
      const reload = () => {
        if (!opts.cached) return findPublicContact(db, inboxIdentifier, contactIdentifier);
        forgetPublicContact(inboxIdentifier, contactIdentifier);
        return findPublicContactCached(db, inboxIdentifier, contactIdentifier);
      };
      return handler({ req, db, ...found, reload, countLimit, ...parsed } as PublicContactContext<B, Q, P>);
    }),
  );
}

/**
 * A mutation's body is always read, so malformed JSON is a 400 and the size cap holds even where the
 * route takes no input (Rails rejects unparseable bodies before any controller runs, too).
 */
const PUBLIC_BODIES = { everyMutation: true } as const;

/**
 * CORS for browser front-ends on other origins. `*` is safe here because nothing rides on ambient
 * credentials: the path itself (website_token + source_id) is the credential, and no cookie is read.
 */
const CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Retry-After" } as const;

function withCors(handler: RouteHandler): RouteHandler {
  return async (req, ctx) => {
    const res = await handler(req, ctx);
    for (const [k, v] of Object.entries(CORS)) res.headers.set(k, v);
    return res;
  };
}

/** `export const OPTIONS = publicPreflight` in every Client API route: the browser's preflight. */
export async function publicPreflight(): Promise<Response> {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS,
      "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, OPTIONS",
      "Access-Control-Allow-Headers": "Content-Type",
      "Access-Control-Max-Age": "86400",
    },
  });
}

/** Postgres refuses NUL in text, so such a path names nothing rather than failing the query. */
const isIdentifier = isLookupKey;

/** Display ids in paths: past int4 or not a plain number names nothing (404, never a query). */
const displayId = pathId;
/** `[conversationId]` is the conversation's per-account display_id. */
export const conversationParams = z.object({ conversationId: displayId });
export const messageParams = z.object({ conversationId: displayId, messageId: displayId });

async function findPublicInbox(db: Db, raw: RawParams[string] | undefined): Promise<{ inbox: Inbox; widget: WebWidget }> {
  if (!isIdentifier(raw)) throw AppError.notFound();
  const [row] = await db.select({ inbox: inboxes, widget: webWidgets }).from(webWidgets).innerJoin(inboxes, eq(inboxes.id, webWidgets.inboxId)).where(eq(webWidgets.websiteToken, raw)).limit(1);
  if (!row) throw AppError.notFound();
  return row;
}
