import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The request being served, for code deep inside it: its id (X-Request-Id) for log lines, and the
 * account its path addresses. Set by the node:http server (lib/server), visible
 * to Next's route handlers because they run inside its async context. On globalThis: the server and
 * the app's bundle each load this module.
 */
export type RequestContext = { id: string; accountId?: number };

const KEY = Symbol.for("parley.requestContext");
const slot = globalThis as unknown as { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (slot[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
