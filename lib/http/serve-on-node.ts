import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { RouteHandler } from "./edge";
import { startOnNode } from "@/lib/realtime/sse";
import { SECURITY_HEADERS } from "./security-headers";

/**
 * Runs a route handler for a node:http request and writes its Response back, without Next's request
 * pipeline (SPEC B4). Parley's event streams write to the socket themselves (lib/realtime/sse.ts);
 * another streamed body is written chunk by chunk with backpressure. When the client goes away the
 * request's signal aborts and the body is cancelled, as Next does, so the handler's clean-up runs. A
 * request body is handed over as a stream, read by the route as Next's would be. The headers
 * next.config.ts sets on every response are set here too, unless the route set them.
 */
export async function serveOnNode(handler: RouteHandler, req: IncomingMessage, res: ServerResponse, params: Record<string, string> = {}): Promise<void> {
  const abort = new AbortController();
  let gone = false;
  res.once("close", () => {
    gone = true;
    abort.abort();
  });

  const response = await handler(toRequest(req, abort.signal), { params: Promise.resolve(params) });
  if (gone) return void response.body?.cancel().catch(() => undefined);
  const headers = { ...SECURITY_HEADERS, ...toNodeHeaders(response.headers) };
  if (!response.body || req.method === "HEAD") {
    res.writeHead(response.status, headers);
    await response.body?.cancel();
    return void res.end();
  }
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    // A whole answer (JSON, a file): read it, then headers and body leave in one write.
    const body = Buffer.from(await response.arrayBuffer());
    if (gone) return;
    res.writeHead(response.status, { ...headers, "content-length": String(body.length) });
    return void res.end(body);
  }
  res.writeHead(response.status, headers);
  // Headers go out now: an event stream's first bytes may come much later.
  res.flushHeaders();
  // Parley's own event streams write their frames to the socket themselves; any other is piped.
  if (startOnNode(response, res)) return;
  const reader = response.body.getReader();
  res.once("close", () => void reader.cancel().catch(() => undefined));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || gone) break;
      if (!res.write(value)) await drained(res);
    }
  } catch {
    // The body failed or was cancelled because the client left: nothing more to send.
  }
  res.end();
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  // What Next fills in for route handlers when no proxy did, so both paths see the same headers. The
  // client address comes from the peer stamp instead (lib/http/client-ip.ts), never from these.
  const fill = (name: string, value: string | undefined) => value && !headers.has(name) && headers.set(name, value);
  fill("x-forwarded-host", req.headers.host);
  fill("x-forwarded-proto", "http");
  fill("x-forwarded-for", req.socket.remoteAddress);
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

function toNodeHeaders(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = value;
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  return out;
}

const drained = (res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
