import type { z } from "zod";
import type { PreparedAttachment } from "@/lib/attachments/prepare-attachments";
import { readMessageBody } from "@/lib/attachments/read-upload";
import { AppError } from "@/lib/errors";
import { coordination } from "@/lib/redis";
import { assertWithinPublicLimit, type PublicAction } from "@/lib/throttle/public-limits";
import { fieldErrors } from "@/lib/validation";
import { readJsonBody } from "./body";
import { clientIp } from "./client-ip";
import type { RawParams } from "./edge";

/**
 * The one input pipeline every route wrapper composes (withUser/withAccount, withWidget,
 * withPublicInbox/withPublicContact), so the API surfaces read and refuse input alike:
 *
 * 1. route params that do not parse name no resource → 404;
 * 2. a query string that does not parse → 422 naming the field;
 * 3. the body is read once — JSON under the 1 MB cap (413, 415, 400 for malformed JSON) or, for routes
 *    that take files, multipart with every upload checked — and a body that does not parse → 422;
 * 4. the per-IP limit (W6) where a wrapper counts one, after the input, before anything is written.
 *
 * Each wrapper decides only what is its own: who the caller is, and where in that order its lookups go.
 */
export type Schema = z.ZodType | undefined;
export type Parsed<S extends Schema, Fallback = undefined> = S extends z.ZodType ? z.output<S> : Fallback;

/** What a route declares about its input; every wrapper's options include these. */
export type InputOptions<B extends Schema, Q extends Schema, P extends Schema> = {
  /** JSON body schema; a missing body is parsed as `{}`. Failure → 422 with field errors. */
  body?: B;
  /** Query-string schema over `{ key: "value" }` (`key[]` and repeated keys give arrays). Failure → 422. */
  query?: Q;
  /** Route-param schema; params that do not parse name no resource → 404. */
  params?: P;
  /** Also takes multipart/form-data with files (lib/attachments/read-upload); the text fields are parsed by `body`. */
  files?: boolean;
};

export type RouteInput<B extends Schema, Q extends Schema, P extends Schema> = {
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P, RawParams>;
  /** Checked uploads of a multipart request (routes with `files: true`); otherwise empty. */
  files: PreparedAttachment[];
};

/** A body as read, before its schema: the JSON value or the multipart text fields, and the checked uploads. */
export type BodyRead = { raw: unknown; files: PreparedAttachment[] };

export type BodyPolicy = {
  /**
   * Read (and so check) a mutation's body even where the route declares none: the Client and Widget
   * APIs answer malformed JSON with 400 everywhere, as Rails parses bodies before any controller runs.
   * The Application API reads only what a route declares (the contact import reads its own upload).
   */
  everyMutation?: boolean;
};

export function parseOr422(schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.validation(fieldErrors(result.error));
  return result.data;
}

export function parseOr404(schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.notFound();
  return result.data;
}

/** Step 3's reading: GET and HEAD carry no body; uploads as multipart; otherwise JSON when declared (or on every mutation). */
export async function readRequestBody(req: Request, opts: { body?: Schema; files?: boolean }, policy: BodyPolicy = {}): Promise<BodyRead> {
  if (req.method === "GET" || req.method === "HEAD") return { raw: undefined, files: [] };
  if (opts.files) return readMessageBody(req);
  if (opts.body || policy.everyMutation) return { raw: await readJsonBody(req), files: [] };
  return { raw: undefined, files: [] };
}

/**
 * Steps 1–3 in order. `read`: the body already read by a wrapper that needed it early (the widget
 * finds its inbox by a website_token that may be in the body).
 */
export async function readInput<B extends Schema, Q extends Schema, P extends Schema>(
  req: Request,
  rawParams: RawParams,
  opts: InputOptions<B, Q, P>,
  { read, ...policy }: BodyPolicy & { read?: BodyRead } = {},
): Promise<RouteInput<B, Q, P>> {
  const params = opts.params ? parseOr404(opts.params, rawParams) : rawParams;
  const query = opts.query ? parseOr422(opts.query, queryObject(new URL(req.url).searchParams)) : undefined;
  const { raw, files } = read ?? (await readRequestBody(req, opts, policy));
  const body = opts.body ? parseOr422(opts.body, raw ?? {}) : undefined;
  return { params, query, body, files } as RouteInput<B, Q, P>;
}

/** A query string as an object: `key[]` gives an array, and so does a key given more than once. */
export function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [rawKey, value] of search) {
    const isArray = rawKey.endsWith("[]");
    const key = isArray ? rawKey.slice(0, -2) : rawKey;
    const prev = out[key];
    if (prev === undefined) out[key] = isArray ? [value] : value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export type IpLimit = {
  ip: string;
  /** Counts one W6 action for this caller's IP; throws the 429 (Retry-After) when over. */
  countLimit: (action: PublicAction) => Promise<void>;
};

/**
 * Step 4, W6 per client IP: the route's own `limit` is counted at once (before anything is written);
 * `countLimit` lets a handler count what it only knows later (a conversation that is really opened).
 */
export async function perIpLimit(req: Request, limit?: PublicAction): Promise<IpLimit> {
  const ip = clientIp(req.headers);
  const countLimit = (action: PublicAction) => assertWithinPublicLimit(coordination(), { action, ip });
  if (limit) await countLimit(limit);
  return { ip, countLimit };
}
