import { createServer, type IncomingMessage } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { WebSocketServer, type RawData, type WebSocket } from "ws";

/**
 * A WebSocket-to-TCP proxy in the shape @neondatabase/serverless expects when `neonConfig.wsProxy`
 * is set (SPEC §3): the driver opens `ws://<wsProxy>?address=<host>:<port>` and then speaks the plain
 * Postgres wire protocol in binary frames, so each frame is relayed to the TCP socket unchanged and
 * each TCP chunk goes back as one binary frame. Only loopback targets are allowed — it is a test tool,
 * not an open relay.
 */
export type NeonWsProxy = {
  /** For NEON_WS_PROXY / neonConfig.wsProxy: host:port/path, without the scheme. */
  wsProxy: string;
  port: number;
  /** WebSocket connections accepted so far: lets a test prove its traffic went through the proxy. */
  connections(): number;
  close(): Promise<void>;
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export async function startNeonWsProxy(opts: { path?: string } = {}): Promise<NeonWsProxy> {
  const path = opts.path ?? "/v2";
  const server = createServer((_req, res) => res.writeHead(426).end("WebSocket upgrade required\n"));
  const wss = new WebSocketServer({ server });
  const sockets = new Set<Socket>();
  let accepted = 0;

  wss.on("connection", (ws, req) => {
    const target = parseAddress(req);
    if (!target) {
      ws.close(1008, "address must be a loopback host:port");
      return;
    }
    accepted += 1;
    const tcp = connect(target);
    sockets.add(tcp);
    tcp.setNoDelay(true);
    // Frames that arrive before the TCP connect completes are queued by the socket itself.
    ws.on("message", (data: RawData) => tcp.write(toBuffer(data)));
    tcp.on("data", (chunk) => {
      if (ws.readyState === ws.OPEN) ws.send(chunk, { binary: true });
    });
    const shutdown = () => {
      sockets.delete(tcp);
      tcp.destroy();
      closeQuietly(ws);
    };
    ws.on("close", shutdown);
    ws.on("error", shutdown);
    tcp.on("close", shutdown);
    tcp.on("error", shutdown);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    wsProxy: `127.0.0.1:${port}${path}`,
    port,
    connections: () => accepted,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseAddress(req: IncomingMessage): { host: string; port: number } | undefined {
  const address = new URL(req.url ?? "/", "http://proxy").searchParams.get("address");
  if (!address) return undefined;
  // host:port, where an IPv6 host contains colons itself: the port is after the last one.
  const cut = address.lastIndexOf(":");
  const host = address.slice(0, cut).replace(/^\[(.*)\]$/, "$1");
  const port = Number(address.slice(cut + 1));
  if (cut < 1 || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  if (!LOOPBACK.has(host)) return undefined;
  return { host, port };
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function closeQuietly(ws: WebSocket): void {
  if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
}
