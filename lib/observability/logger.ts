import { pino, type Logger } from "pino";
import pretty from "pino-pretty";
import { env, logFormat, type Env } from "@/lib/env";
import { currentRequest } from "./request-context";

export type { Logger } from "pino";

/**
 * The process's structured logger (pino). `LOG_FORMAT=json` writes one JSON object per line (time,
 * level, msg, fields) for a log collector; `pretty` writes coloured lines for a terminal — the default
 * in development only. A line written while a request is being served carries its request id
 * (`reqId`, also sent back as X-Request-Id), so an error can be matched to its request line.
 *
 * What is never logged: message content, tokens, cookies, query strings (they may carry a token).
 */
export type LoggerConfig = Pick<Env, "LOG_FORMAT" | "LOG_LEVEL" | "NODE_ENV">;

export function createLogger(config: LoggerConfig, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level: config.LOG_LEVEL ?? (config.NODE_ENV === "test" ? "warn" : "info"),
    base: undefined, // no pid/hostname on every line; the platform adds its own labels
    mixin: () => {
      const reqId = currentRequest()?.id;
      return reqId ? { reqId } : {};
    },
  };
  if (logFormat(config) === "pretty") {
    // In the main thread (no worker transport): a terminal's volume, and nothing lost at exit.
    return pino(options, pretty({ colorize: true, sync: true, ignore: "pid,hostname", destination: destination ?? 1 }));
  }
  return pino(options, destination ?? pino.destination({ sync: true }));
}

// One logger per process, shared by the server and the app's bundle (they load this module twice).
const KEY = Symbol.for("parley.logger");
const slot = globalThis as unknown as { [KEY]?: Logger };

export function logger(): Logger {
  slot[KEY] ??= createLogger(env());
  return slot[KEY];
}
