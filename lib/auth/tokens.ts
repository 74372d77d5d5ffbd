import { randomBytes } from "node:crypto";

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/**
 * A random token in Chatwoot's alphabet (base58). 24 characters carry ~140 bits, above the
 * 128 bits SPEC §4 asks of realtime credentials. Rejection sampling keeps it unbiased.
 */
export function secureToken(length = 24): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 232 && out.length < length) out += BASE58[byte % 58];
    }
  }
  return out;
}

/** A readable password for generated accounts (seed, invitations). */
export function generatePassword(): string {
  return secureToken(16);
}
