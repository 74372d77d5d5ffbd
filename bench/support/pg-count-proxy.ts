/**
 * A loopback TCP proxy in front of Postgres that records every statement the app sends: each simple
 * Query ('Q') and each extended-protocol Execute ('E'), with the statement text from its Parse and
 * the text-format parameters from its Bind. It reads the frontend's messages only (the bytes are
 * forwarded untouched), so it works with any client and sees exactly what reaches the database —
 * the way to count SQL statements per HTTP request against the production build (SPEC B3), and to
 * get the real statements for EXPLAIN ANALYZE. TLS is not supported (loopback, sslmode off).
 */
import net from "node:net";

export type Statement = { text: string; params: (string | null)[] };
export type CountingProxy = { port: number; url(databaseUrl: string): string; take(): Statement[]; close(): Promise<void> };

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

export async function startCountingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  let recorded: Statement[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    client.on("close", () => void sockets.delete(client));
    upstream.on("close", () => void sockets.delete(upstream));
    const parser = frontendParser((s) => recorded.push(s));
    client.on("data", (chunk: Buffer) => {
      parser(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url(databaseUrl) {
      const u = new URL(databaseUrl);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    take() {
      const out = recorded;
      recorded = [];
      return out;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Parses one connection's frontend byte stream; exported for the unit test. */
export function frontendParser(onStatement: (s: Statement) => void): (chunk: Buffer) => void {
  let buffer: Buffer = Buffer.alloc(0);
  let started = false;
  const statements = new Map<string, string>();
  const portals = new Map<string, Statement>();
  return (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (!started) {
        // Untyped start-up packets: SSLRequest / GSSENCRequest (answered by the server), then StartupMessage.
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        if (code !== SSL_REQUEST && code !== GSS_REQUEST) started = true;
        buffer = buffer.subarray(length);
        continue;
      }
      if (buffer.length < 5) return;
      const type = String.fromCharCode(buffer[0]!);
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      const body = buffer.subarray(5, 1 + length);
      buffer = buffer.subarray(1 + length);
      if (type === "Q") {
        onStatement({ text: cstring(body, 0).value, params: [] });
      } else if (type === "P") {
        const name = cstring(body, 0);
        statements.set(name.value, cstring(body, name.next).value);
      } else if (type === "B") {
        const portal = cstring(body, 0);
        const statement = cstring(body, portal.next);
        let at = statement.next;
        const formatCount = body.readInt16BE(at);
        const formats: number[] = [];
        at += 2;
        for (let i = 0; i < formatCount; i++, at += 2) formats.push(body.readInt16BE(at));
        const paramCount = body.readInt16BE(at);
        at += 2;
        const params: (string | null)[] = [];
        for (let i = 0; i < paramCount; i++) {
          const len = body.readInt32BE(at);
          at += 4;
          if (len < 0) {
            params.push(null);
            continue;
          }
          const binary = (formats.length === 1 ? formats[0] : formats[i]) === 1;
          params.push(binary ? `\\x${body.subarray(at, at + len).toString("hex")}` : body.subarray(at, at + len).toString("utf8"));
          at += len;
        }
        portals.set(portal.value, { text: statements.get(statement.value) ?? "", params });
      } else if (type === "E") {
        const portal = cstring(body, 0).value;
        onStatement(portals.get(portal) ?? { text: "", params: [] });
      }
    }
  };
}

function cstring(buf: Buffer, at: number): { value: string; next: number } {
  const end = buf.indexOf(0, at);
  return { value: buf.subarray(at, end).toString("utf8"), next: end + 1 };
}
