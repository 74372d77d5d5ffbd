import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { env } from "@/lib/env";

/** Reads one header from a Headers object or the plain record next-auth passes to authorize(). */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(",") : v;
}

/**
 * The internal header that carries the socket's peer address from the HTTP server to route handlers.
 * Its value starts with a random per-process key, so a copy a client sends itself is worthless even
 * where nothing strips it (plain `next start`); the server overwrites it on every request anyway.
 */
export const PEER_HEADER = "x-parley-peer";
const KEY = Symbol.for("parley.peerKey");
// On globalThis: the server (scripts/serve.ts, loaded by tsx) and Next's bundle each get their own
// copy of this module, but share one process.
const peerKey = (): string => ((globalThis as { [KEY]?: string })[KEY] ??= randomBytes(16).toString("hex"));

/**
 * Records the socket's peer address on an incoming node:http request, replacing any client-sent copy.
 * Called first thing for every request by the production server's listener (lib/http/direct-routes.ts)
 * and, under `next dev`, by the hook instrumentation.ts installs.
 */
export function stampPeerAddress(headers: Record<string, string | string[] | undefined>, address: string | undefined): void {
  delete headers[PEER_HEADER];
  if (address) headers[PEER_HEADER] = `${peerKey()} ${address}`;
}

/** The header a test sends to stand for a request from `address` (what stampPeerAddress would set). */
export function peerHeaders(address: string): Record<string, string> {
  return { [PEER_HEADER]: `${peerKey()} ${address}` };
}

/** The socket peer address the server recorded, or undefined (no stamp, or a forged one). */
export function peerAddress(headers: HeaderSource): string | undefined {
  const raw = headerValue(headers, PEER_HEADER);
  const [key, address] = raw?.split(" ", 2) ?? [];
  return key === peerKey() && address ? address : undefined;
}

let warned = false;

/**
 * The caller's address for per-address limits (W6, the login throttle, stream caps). By default the
 * socket's peer address: nothing the client sends counts. Behind `hops` proxies of our own
 * (TRUSTED_PROXY_HOPS), each appended the address it saw to X-Forwarded-For, so the chain
 * [X-Forwarded-For entries…, peer] ends in `hops` proxies and the entry left of them is the client;
 * anything further left is whatever the client claimed. A chain shorter than that (a proxy that did
 * not append) yields its left-most entry. Without a recorded peer (a platform that hands the app no
 * socket), the nearest proxy stands in for it.
 */
export function clientIp(headers: HeaderSource, hops: number = env().TRUSTED_PROXY_HOPS): string {
  const peer = peerAddress(headers);
  if (hops === 0) {
    if (peer) return normalise(peer);
    if (!warned) {
      warned = true;
      console.warn("[http] no peer address recorded (served without scripts/serve.ts and TRUSTED_PROXY_HOPS=0): every client shares one address for rate limits");
    }
    return "unknown";
  }
  const forwarded = (headerValue(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer ?? "proxy"];
  return normalise(chain[Math.max(0, chain.length - 1 - hops)]!);
}

/** IPv4-mapped IPv6 (`::ffff:127.0.0.2`, what a dual-stack socket reports) as plain IPv4; junk as "invalid". */
function normalise(address: string): string {
  const bare = address.replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1]!;
  return isIP(bare) ? bare.toLowerCase() : "invalid";
}

/** Whether X-Forwarded-Host / -Proto may be believed: only when a proxy of our own sets them. */
export function trustForwardedHeaders(hops: number = env().TRUSTED_PROXY_HOPS): boolean {
  return hops > 0;
}
