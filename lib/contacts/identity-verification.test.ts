import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HMAC_FAILED, identifierHash, isValidIdentifierHash, shouldVerifyIdentity, verifyIdentity } from "./identity-verification";

const token = "s3cr3t-hmac-token";
const widget = (hmacMandatory: boolean) => ({ hmacToken: token, hmacMandatory });

describe("W3 identity verification", () => {
  it("identifier_hash is hex HMAC-SHA256(hmac_token, identifier), as Chatwoot's OpenSSL::HMAC.hexdigest", () => {
    expect(identifierHash(token, "user-1")).toBe(createHmac("sha256", token).update("user-1").digest("hex"));
    expect(identifierHash(token, "user-1")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("accepts the right hash in either case and refuses anything else", () => {
    const hash = identifierHash(token, "user-1");
    expect(isValidIdentifierHash(token, "user-1", hash)).toBe(true);
    expect(isValidIdentifierHash(token, "user-1", hash.toUpperCase())).toBe(true);
    expect(isValidIdentifierHash(token, "user-2", hash)).toBe(false);
    expect(isValidIdentifierHash("other-token", "user-1", hash)).toBe(false);
    for (const bad of ["", "abc", hash.slice(0, 63), `${hash}0`, "z".repeat(64)]) expect(isValidIdentifierHash(token, "user-1", bad)).toBe(false);
  });

  it("is checked when a hash is sent or the inbox makes it mandatory", () => {
    expect(shouldVerifyIdentity({ identifier: "u" }, false)).toBe(false);
    expect(shouldVerifyIdentity({ identifier: "u", identifierHash: "  " }, false)).toBe(false);
    expect(shouldVerifyIdentity({ identifier: "u", identifierHash: "x" }, false)).toBe(true);
    expect(shouldVerifyIdentity({}, true)).toBe(true);
  });

  it("a mismatch, or a missing hash when mandatory, is a 401 with Chatwoot's message", () => {
    expect(verifyIdentity({ identifier: "u", identifierHash: identifierHash(token, "u") }, widget(true))).toBe(true);
    expect(verifyIdentity({ identifier: "u" }, widget(false))).toBe(false);
    for (const claim of [{ identifier: "u", identifierHash: "0".repeat(64) }, { identifier: "u", identifierHash: "" }, { identifier: "u" }, { identifierHash: identifierHash(token, "") }]) {
      expect(() => verifyIdentity(claim, widget(true))).toThrow(expect.objectContaining({ code: "unauthorized", message: HMAC_FAILED }));
    }
  });
});
