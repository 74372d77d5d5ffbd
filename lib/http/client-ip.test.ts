import { describe, expect, it } from "vitest";
import { clientIp, peerAddress, peerHeaders, PEER_HEADER, stampPeerAddress } from "./client-ip";

const h = (init: Record<string, string>) => new Headers(init);

describe("client address (issue #13 §2)", () => {
  it("is the socket peer by default; X-Forwarded-For and X-Real-IP from the client change nothing", () => {
    const headers = h({ ...peerHeaders("127.0.0.2"), "x-forwarded-for": "9.9.9.1", "x-real-ip": "9.9.9.2" });
    expect(clientIp(headers, 0)).toBe("127.0.0.2");
  });

  it("refuses a peer header the client forged (no per-process key)", () => {
    const headers = h({ [PEER_HEADER]: "0123456789abcdef 9.9.9.9" });
    expect(peerAddress(headers)).toBeUndefined();
    expect(clientIp(headers, 0)).toBe("unknown");
  });

  it("the server's stamp replaces a client-sent copy", () => {
    const raw: Record<string, string | string[] | undefined> = { [PEER_HEADER]: "forged 9.9.9.9" };
    stampPeerAddress(raw, "::ffff:127.0.0.3");
    expect(clientIp(raw, 0)).toBe("127.0.0.3");
  });

  it("behind N proxies of our own takes the entry left of them, whatever the client prepended", () => {
    // client 203.0.113.5 claims 9.9.9.9; our load balancer (10.0.0.1, the socket peer) appended what it saw.
    const one = h({ ...peerHeaders("10.0.0.1"), "x-forwarded-for": "9.9.9.9, 203.0.113.5" });
    expect(clientIp(one, 1)).toBe("203.0.113.5");
    // CDN → load balancer → app: two hops of ours.
    const two = h({ ...peerHeaders("10.0.0.1"), "x-forwarded-for": "9.9.9.9, 203.0.113.5, 198.51.100.7" });
    expect(clientIp(two, 2)).toBe("203.0.113.5");
    // A platform that hands the app no socket: its proxy stands in for the peer.
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.5" }), 1)).toBe("203.0.113.5");
    // A chain shorter than configured: the left-most entry, never a crash.
    expect(clientIp(h({ ...peerHeaders("10.0.0.1") }), 3)).toBe("10.0.0.1");
  });

  it("junk in the header is one shared 'invalid' address, not a fresh one per value", () => {
    expect(clientIp(h({ ...peerHeaders("10.0.0.1"), "x-forwarded-for": "not-an-ip" }), 1)).toBe("invalid");
  });
});
