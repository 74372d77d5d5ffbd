import { randomUUID } from "node:crypto";
import type { CoordinationStore } from "@/lib/redis/port";

/**
 * SPEC §12 (Chatwoot's rack-attack numbers), aimed so nobody can lock an owner out (issue #13 §3):
 * - per address: 5 failures in 5 minutes and the address is refused, whatever email it tries;
 * - per email: past 10 failures in 15 minutes, an address that has already failed for that email is
 *   refused, while an address without failures for it still gets its attempt — so the owner, from
 *   their own address, signs in whatever a stranger does to the email, and a spread-out guesser gets
 *   one try per address per window.
 */
export const LOGIN_LIMITS = {
  ip: { limit: 5, windowMs: 5 * 60_000 },
  email: { limit: 10, windowMs: 15 * 60_000 },
} as const;

export type LoginAttempt = { allowed: true; /** Call once the password matched: the attempt stops counting. */ succeeded(): Promise<void> } | { allowed: false; retryAfterSeconds: number };

/**
 * Starts a login attempt, before the password is looked at. Only failures count, so an office behind
 * one address, or a test suite, can sign in as often as it needs while guessing is still capped.
 *
 * Race-free with the port's exact window counters: each attempt is recorded first and then counted,
 * and it counts as a failure until it is known to have succeeded (recorded again in a "succeeded"
 * set at the same instant, so both leave the window together). Parallel guesses therefore see each
 * other: the k-th one recorded sees at least k, and at most `limit` get through. A refused attempt is
 * likewise taken back, so hammering a locked door does not keep it locked; the refusal says to wait
 * the whole window, an upper bound because the counters do not tell when the oldest failure expires.
 *
 * When the coordination store is unreachable (Redis down, R2) sign-in stays possible: a login outage
 * is worse than a few minutes without throttling, and argon2 already makes guessing slow.
 */
export async function beginLoginAttempt(store: CoordinationStore, who: { ip: string; email: string }, atMs = Date.now()): Promise<LoginAttempt> {
  const ip = { name: `login:ip:${who.ip}`, ...LOGIN_LIMITS.ip };
  const email = { name: `login:email:${who.email}`, ...LOGIN_LIMITS.email };
  // This address's failures for this email, over the email's window.
  const pair = { name: `login:ip-email:${who.ip}:${who.email}`, windowMs: LOGIN_LIMITS.email.windowMs };
  const keys = [ip, email, pair];
  const id = randomUUID();
  const takeBack = () => Promise.all(keys.map((k) => store.windowRecord(`${k.name}:ok`, id, atMs, k.windowMs))).then(() => undefined);
  const failures = async (k: { name: string; windowMs: number }) => {
    const [tries = 0, ok = 0] = await store.windowCounts([`${k.name}:tries`, `${k.name}:ok`], atMs, k.windowMs);
    return tries - ok;
  };
  try {
    await Promise.all(keys.map((k) => store.windowRecord(`${k.name}:tries`, id, atMs, k.windowMs)));
    // Each count includes this attempt.
    let refusedFor: number | null = null;
    if ((await failures(ip)) > ip.limit) refusedFor = ip.windowMs;
    else if ((await failures(email)) > email.limit && (await failures(pair)) > 1) refusedFor = email.windowMs;
    if (refusedFor !== null) {
      await takeBack();
      return { allowed: false, retryAfterSeconds: refusedFor / 1000 };
    }
  } catch (err) {
    console.warn(`[auth] login throttle unavailable, allowing the attempt: ${(err as Error).message}`);
    return { allowed: true, succeeded: async () => undefined };
  }
  return {
    allowed: true,
    succeeded: () => takeBack().catch((err: Error) => console.warn(`[auth] could not record a successful login: ${err.message}`)),
  };
}
