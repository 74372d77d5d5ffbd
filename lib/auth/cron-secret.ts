import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The internal endpoints' guard (sweep, stream drain): `Authorization: Bearer <CRON_SECRET>`, what
 * Vercel Cron sends. No secret configured → 404, so an install without one exposes nothing; a wrong
 * one → 401. Compared through SHA-256 digests in constant time, so neither timing nor length leaks
 * the secret. Returns the refusal, or null when the caller may go on.
 */
export function refuseWithoutCronSecret(req: Request, secret: string | undefined): Response | null {
  if (!secret) return Response.json({ error: "Resource could not be found" }, { status: 404 });
  const given = /^Bearer (.+)$/.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(given), digest(secret))) return Response.json({ error: "Invalid cron secret" }, { status: 401 });
  return null;
}

const digest = (s: string) => createHash("sha256").update(s).digest();
