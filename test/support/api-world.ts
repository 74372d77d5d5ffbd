import { afterAll, beforeAll } from "vitest";
import { buildApiWorld, closeApiDatabase, openApiDatabase, type ApiWorld } from "@/test/app-api/support";
import type { Backend, TestDatabase } from "@/test/support/db";

/**
 * The set-up of an Application API suite, once: a test database installed as the process's database
 * and the API world built in it before the suite's tests (and before the suite's own beforeAll hooks,
 * which are registered after this call), closed after them.
 *
 *   describe.each(backends)("… on %s", (backend) => {
 *     const { t, w } = setUpApiWorld(backend);
 *
 * `t` and `w` stand for the database and the world from the moment beforeAll has run; reading them
 * earlier (at describe time) throws, as reading an unset variable would have failed.
 */
export function setUpApiWorld(backend: Backend, opts: { poolMax?: number } = {}): { t: TestDatabase; w: ApiWorld } {
  const t = late<TestDatabase>("the test database");
  const w = late<ApiWorld>("the API world");
  beforeAll(async () => {
    t.set(await openApiDatabase(backend, opts));
    w.set(await buildApiWorld(t.ref.db));
  });
  afterAll(async () => {
    if (t.isSet()) await closeApiDatabase(t.ref);
  });
  return { t: t.ref, w: w.ref };
}

/** A stand-in for an object that exists only later: every read goes to the object once it is set. */
function late<T extends object>(what: string) {
  let value: T | undefined;
  const target = (): T => {
    if (value === undefined) throw new Error(`${what} is read before beforeAll has set it up`);
    return value;
  };
  const ref = new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target(), key);
      return d && { ...d, configurable: true };
    },
  });
  return {
    ref,
    set: (v: T) => void (value = v),
    isSet: () => value !== undefined,
  };
}
