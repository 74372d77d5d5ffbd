import type { Db } from "@/db/client";
import type { Account, AccountUser, Role } from "@/db/schema";
import { findAccountMembership } from "@/lib/auth/account-membership";
import { AppError } from "@/lib/errors";
import { authenticate, type AuthMethod, type AuthUser } from "./authenticate";
import type { PreparedAttachment } from "@/lib/attachments/prepare-attachments";
import { edge, type RawParams, type RouteHandler } from "./edge";
import { readInput, type InputOptions, type Parsed, type Schema } from "./route-input";

export type { RawParams, RouteHandler } from "./edge";

/** The route's input (lib/http/route-input.ts): only what a route declares is read. */
export type RouteOptions<B extends Schema, Q extends Schema, P extends Schema> = InputOptions<B, Q, P>;

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
  const { body, query, params, files } = await readInput(req, rawParams, opts);
  return { req, user, via, db, body, query, params, files } as UserContext<B, Q, P>;
}

async function findMembership(db: Db, rawId: RawParams[string] | undefined, userId: number) {
  const id = typeof rawId === "string" && /^\d{1,9}$/.test(rawId) ? Number(rawId) : null;
  if (id === null) throw AppError.notFound();
  const row = await findAccountMembership(db, id, userId);
  if (!row) throw AppError.notFound();
  return row;
}
