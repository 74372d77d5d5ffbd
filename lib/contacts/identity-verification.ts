import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";

/** Chatwoot's body for a failed identity check (widget set_user); the Client API answers it too. */
export const HMAC_FAILED = "HMAC failed: Invalid Identifier Hash Provided";

/** W3: the hash a site's backend computes for a visitor — hex HMAC-SHA256(hmac_token, identifier). */
export function identifierHash(hmacToken: string, identifier: string): string {
  return createHmac("sha256", hmacToken).update(identifier, "utf8").digest("hex");
}

/**
 * Compares in constant time, so the response time says nothing about how much of a guess was right.
 * Hex is case-insensitive; anything that is not 64 hex digits is simply wrong.
 */
export function isValidIdentifierHash(hmacToken: string, identifier: string, hash: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(hash)) return false;
  const expected = Buffer.from(identifierHash(hmacToken, identifier), "hex");
  return timingSafeEqual(expected, Buffer.from(hash.toLowerCase(), "hex"));
}

export type IdentityClaim = { identifier?: string | null; identifierHash?: string | null };

/**
 * Whether a request must prove its identity (Chatwoot's should_verify_hmac?): when it sends a
 * non-blank identifier_hash, or when the inbox makes verification mandatory.
 */
export function shouldVerifyIdentity(claim: IdentityClaim, hmacMandatory: boolean): boolean {
  return hmacMandatory || Boolean(claim.identifierHash?.trim());
}

/**
 * W3: checks a claim when it has to be checked; a mismatch (or a missing hash when mandatory) is a 401
 * — Chatwoot's Client API raises a 500 here. Returns whether the identity was verified.
 */
export function verifyIdentity(claim: IdentityClaim, widget: { hmacToken: string; hmacMandatory: boolean }): boolean {
  if (!shouldVerifyIdentity(claim, widget.hmacMandatory)) return false;
  const hash = claim.identifierHash?.trim() ?? "";
  const identifier = claim.identifier ?? "";
  if (!hash || !identifier || !isValidIdentifierHash(widget.hmacToken, identifier, hash)) {
    throw new AppError("unauthorized", HMAC_FAILED);
  }
  return true;
}
