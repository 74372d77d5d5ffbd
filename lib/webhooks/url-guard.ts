import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * SSRF protection for every outbound POST (WH4): webhooks, API-channel inboxes and agent bots. A
 * URL is http(s) without credentials; its host must resolve only to public addresses — every address
 * the name resolves to is checked, and the connection is pinned to the checked address (the same
 * `lookup` answers the socket), so a DNS answer that changes between check and connect (rebinding)
 * cannot reach an internal service. `WEBHOOK_ALLOW_PRIVATE=true` lifts the address rule (tests, and
 * installs whose receivers live on their own network).
 *
 * Node's BlockList does the CIDR matching (no hand-written address arithmetic).
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

/** Is this address one an outbound request must not reach (loopback, private, link-local, reserved)? */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // IPv4-mapped (::ffff:a.b.c.d) is judged as the IPv4 address it is.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, "ipv4");
    return blocked.check(address, "ipv6");
  }
  return blocked.check(address, "ipv4");
}

/** Why a URL is refused, or null: syntax only (what is checked when a webhook is saved). */
export function urlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a valid URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http or https URL";
  if (url.username || url.password) return "must not carry credentials";
  if (!url.hostname) return "must name a host";
  return null;
}

/** As urlProblem, plus a literal private address is refused at once (a name is checked when connecting). */
export function savedUrlProblem(raw: string, allowPrivate: boolean): string | null {
  const problem = urlProblem(raw);
  if (problem || allowPrivate) return problem;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && isPrivateAddress(host)) return "must not point at a private or loopback address";
  if (host === "localhost" || host.endsWith(".localhost")) return "must not point at a private or loopback address";
  return null;
}

export class BlockedAddressError extends Error {
  constructor(host: string) {
    super(`${host} resolves to a private or loopback address`);
    this.name = "BlockedAddressError";
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request: resolves every address of the host, refuses the request if any is
 * private, and hands the socket the first checked one (pinning).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean } | number | undefined, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = addresses as LookupAddress[];
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
      if (!allowPrivate && list.some((a) => isPrivateAddress(a.address))) return callback(new BlockedAddressError(hostname), "");
      const wantAll = typeof options === "object" && options?.all === true;
      if (wantAll) return callback(null, [list[0]!]);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
