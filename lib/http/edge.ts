import { getDb, type Db } from "@/db/client";
import { kickRealtime } from "@/lib/realtime/process-hub";
import { errorResponse } from "./respond";

/** Route params as Next passes them (catch-all segments are arrays). */
export type RawParams = Record<string, string | string[]>;
/** What a route file exports: Next calls it with the request and `{ params: Promise<…> }`. */
export type RouteHandler = (req: Request, ctx?: { params: Promise<RawParams> }) => Promise<Response>;

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The outermost layer of every API route: resolves params and the database, turns errors into
 * responses once, and after a successful mutation wakes realtime delivery (E2: events are written in
 * the request's transaction and delivered after commit), so no route can forget to.
 */
export function edge(run: (req: Request, params: RawParams, db: Db) => Promise<Response>): RouteHandler {
  return async (req, ctx) => {
    let response: Response;
    try {
      response = await run(req, (await ctx?.params) ?? {}, await getDb());
    } catch (err) {
      return errorResponse(err, { method: req.method, path: new URL(req.url).pathname });
    }
    if (!READS.has(req.method) && response.status < 400) void kickRealtime();
    return response;
  };
}
