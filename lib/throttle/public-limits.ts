import { env, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CoordinationStore } from "@/lib/redis/port";

/**
 * W6: abuse limits per client IP on the public endpoints (widget and Client API), on top of the
 * per-conversation flood limit (M2). Counted with the port's `limit()` — @upstash/ratelimit's sliding
 * window in Redis — which fits here: one key per check, counted as it answers, and an approximate
 * window edge does no harm to an abuse limit.
 */
export type PublicAction = "conversation" | "contact" | "message";

export type PublicLimit = { limit: number; windowMs: number };

const HOUR = 60 * 60_000;

/** The configured limits (PUBLIC_* variables in lib/env.ts; defaults 6 per 12 h, 60 per hour, 60 per minute). */
export function publicLimits(e: Pick<Env, "PUBLIC_CONVERSATIONS_PER_IP_12H" | "PUBLIC_CONTACT_UPDATES_PER_IP_HOUR" | "PUBLIC_MESSAGES_PER_IP_MINUTE"> = env()): Record<PublicAction, PublicLimit> {
  return {
    conversation: { limit: e.PUBLIC_CONVERSATIONS_PER_IP_12H, windowMs: 12 * HOUR },
    contact: { limit: e.PUBLIC_CONTACT_UPDATES_PER_IP_HOUR, windowMs: HOUR },
    message: { limit: e.PUBLIC_MESSAGES_PER_IP_MINUTE, windowMs: 60_000 },
  };
}

const MESSAGES: Record<PublicAction, string> = {
  conversation: "Too many conversations from this address",
  contact: "Too many contact updates from this address",
  message: "Too many messages",
};

/**
 * Counts one `action` by `ip`; throws a 429 AppError with Retry-After when over the limit. With the
 * coordination store unreachable (R2) the request goes through: visitors' messages must still be
 * accepted, and M2 still caps each conversation in the database.
 */
export async function assertWithinPublicLimit(
  store: CoordinationStore,
  { action, ip, limits = publicLimits() }: { action: PublicAction; ip: string; limits?: Record<PublicAction, PublicLimit> },
): Promise<void> {
  const { limit, windowMs } = limits[action];
  let result;
  try {
    result = await store.limit(`public:${action}:ip:${ip}`, { limit, windowMs });
  } catch (err) {
    console.warn(`throttle: ${action} limit not checked for ${ip} (${(err as Error).message})`);
    return;
  }
  if (!result.allowed) throw new AppError("rate_limited", MESSAGES[action], { retryAfterSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)) });
}
