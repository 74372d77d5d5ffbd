import http from "node:http";
import { stampPeerAddress } from "./client-ip";

const INSTALLED = Symbol.for("parley.peerAddressHook");

/**
 * `next dev` runs its own HTTP server, which this code cannot wrap as scripts/serve.ts does. This hook
 * records the socket's peer address on every request any node:http server in the process receives,
 * before Next sees it (lib/http/client-ip.ts). Installed by instrumentation.ts in development only;
 * production runs scripts/serve.ts, whose listener does the same without touching node's prototypes.
 */
export function installPeerAddressHook(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      stampPeerAddress(req.headers, req.socket.remoteAddress);
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
