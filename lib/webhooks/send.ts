import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { BlockedAddressError, guardedLookup, isPrivateAddress, urlProblem } from "./url-guard";

/** WH2: a receiver has this long to answer (connect, send and response headers and body). */
export const DELIVERY_TIMEOUT_MS = 5_000;
/** How much of a response body the delivery log keeps. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/** WH3: `sha256=` + hex HMAC-SHA256 of `timestamp + "." + body` under the target's secret. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export type SendOutcome =
  | { kind: "response"; status: number; latencyMs: number; excerpt: string }
  | { kind: "error"; error: string; latencyMs: number; /** Not worth retrying (a refused address, a bad URL). */ permanent: boolean };

export type SendInput = { url: string; body: string; secret: string; deliveryId: string; event: string; allowPrivate: boolean; timeoutMs?: number; now?: () => number };

/**
 * One signed POST (WH3) through the SSRF guard (WH4). Never throws: the outcome says what happened.
 * Redirects are not followed (a 3xx is an answer, recorded and not retried).
 */
export function sendSigned(input: SendInput): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const problem = urlProblem(input.url);
  if (problem) return Promise.resolve({ kind: "error", error: `URL ${problem}`, latencyMs: 0, permanent: true });
  const url = new URL(input.url);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !input.allowPrivate && isPrivateAddress(host)) {
    return Promise.resolve({ kind: "error", error: new BlockedAddressError(host).message, latencyMs: 0, permanent: true });
  }
  const timestamp = String(Math.floor((input.now?.() ?? Date.now()) / 1000));
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (o: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const req = transport.request(
      url,
      {
        method: "POST",
        lookup: guardedLookup(input.allowPrivate) as never,
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(input.body),
          "user-agent": "Parley-Webhooks/1",
          "x-parley-event": input.event,
          "x-parley-delivery": input.deliveryId,
          "x-parley-timestamp": timestamp,
          "x-parley-signature": signature(input.secret, timestamp, input.body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (chunk: Buffer) => {
          if (kept < RESPONSE_EXCERPT_BYTES) {
            chunks.push(chunk.subarray(0, RESPONSE_EXCERPT_BYTES - kept));
            kept += Math.min(chunk.length, RESPONSE_EXCERPT_BYTES - kept);
          }
        });
        const done = () => finish({ kind: "response", status: res.statusCode ?? 0, latencyMs: elapsed(), excerpt: Buffer.concat(chunks).toString("utf8") });
        res.on("end", done);
        res.on("error", done);
        res.on("close", done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`timed out after ${input.timeoutMs ?? DELIVERY_TIMEOUT_MS} ms`));
    }, input.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    req.on("error", (err) => finish({ kind: "error", error: err.message, latencyMs: elapsed(), permanent: err instanceof BlockedAddressError }));
    req.end(input.body);
  });
}
