import type { Db } from "@/db/client";
import type { Account, AccountUser, Role } from "@/db/schema";
import { findAccountMembership } from "@/lib/auth/account-membership";
import { AppError } from "@/lib/errors";
import { authenticate, type AuthMethod, type AuthUser } from "./authenticate";
import { readMessageBody } from "@/lib/attachments/read-upload";
import type { PreparedAttachment } from "@/lib/attachments/prepare-attachments";
import { readJsonBody } from "./body";
import { edge, type RawParams, type RouteHandler } from "./edge";
import { parseOr404, parseOr422, type Parsed, type Schema } from "./route-input";

export type { RawParams, RouteHandler } from "./edge";

export type RouteOptions<B extends Schema, Q extends Schema, P extends Schema> = {
  /** JSON body schema; a missing body is parsed as `{}`. Failure → 422 with field errors. */
  body?: B;
  /** Query-string schema over `{ key: "value" }` (`key[]` and repeated keys give arrays). Failure → 422. */
  query?: Q;
  /** Route-param schema; params that do not parse name no resource → 404. */
  params?: P;
  /** Also takes multipart/form-data with files (lib/attachments/read-upload); the text fields are parsed by `body`. */
  files?: boolean;
};

export type UserContext<B extends Schema, Q extends Schema, P extends Schema> = {
  req: Request;
  user: AuthUser;
  /** How the caller authenticated: the session cookie or the `api_access_token` header. */
  via: AuthMethod;
  body: Parsed<B, undefined>;
  query: Parsed<Q, undefined>;
  params: Parsed<P, RawParams>;
  /** Checked uploads of a multipart request (routes with `files: true`); otherwise empty. */
  files: PreparedAttachment[];
  db: Db;
};

export type AccountContext<B extends Schema, Q extends Schema, P extends Schema> = UserContext<B, Q, P> & {
  account: Account;
  membership: AccountUser;
};

/**
 * A route for any signed-in user (session cookie or api_access_token):
 * `export const GET = withUser(async ({ user }) => Response.json(…))`.
 */
export function withUser<B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
  handler: (ctx: UserContext<B, Q, P>) => Promise<Response>,
  opts: RouteOptions<B, Q, P> = {},
): RouteHandler {
  return edge(async (req, rawParams, db) => handler(await userContext(req, rawParams, db, opts)));
}

/**
 * A route under `/api/v1/accounts/[accountId]/…`: the caller must belong to that account, else 404
 * (SPEC §8: other accounts' objects do not exist for you); `role: "administrator"` refuses agents
 * with 403. Ownership is part of the query: the account is loaded through the caller's membership.
 */
export function withAccount<B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
  handler: (ctx: AccountContext<B, Q, P>) => Promise<Response>,
  opts: RouteOptions<B, Q, P> & { role?: Role } = {},
): RouteHandler {
  return edge(async (req, rawParams, db) => {
    const { user } = await authenticateOnly(req, db);
    const { account, membership } = await findMembership(db, rawParams.accountId, user.id);
    if (opts.role === "administrator" && membership.role !== "administrator") {
      throw new AppError("forbidden", "Only administrators can do this");
    }
    return handler({ ...(await userContext(req, rawParams, db, opts)), account, membership });
  });
}

// Authentication is memoised per request so withAccount can check membership before parsing input
// (a stranger learns nothing about validation) without authenticating twice.
const callers = new WeakMap<Request, ReturnType<typeof authenticate>>();
function authenticateOnly(req: Request, db: Db) {
  let caller = callers.get(req);
  if (!caller) callers.set(req, (caller = authenticate(req, db)));
  return caller;
}

async function userContext<B extends Schema, Q extends Schema, P extends Schema>(req: Request, rawParams: RawParams, db: Db, opts: RouteOptions<B, Q, P>): Promise<UserContext<B, Q, P>> {
  const { user, via } = await authenticateOnly(req, db);
  const params = opts.params ? parseOr404(opts.params, rawParams) : rawParams;
  const query = opts.query ? parseOr422(opts.query, queryObject(new URL(req.url).searchParams)) : undefined;
  const { raw, files } = opts.files ? await readMessageBody(req) : { raw: opts.body ? await readJsonBody(req) : undefined, files: [] };
  const body = opts.body ? parseOr422(opts.body, raw ?? {}) : undefined;
  return { req, user, via, db, body, query, params, files } as UserContext<B, Q, P>;
}

async function findMembership(db: Db, rawId: RawParams[string] | undefined, userId: number) {
  const id = typeof rawId === "string" && /^\d{1,9}$/.test(rawId) ? Number(rawId) : null;
  if (id === null) throw AppError.notFound();
  const row = await findAccountMembership(db, id, userId);
  if (!row) throw AppError.notFound();
  return row;
}

function queryObject(search: URLSearchParams): Record<string, string | string[]> {
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
