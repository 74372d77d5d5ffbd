"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { parseEvent } from "@/lib/realtime/parse-event";
import { connectStream, type StreamState } from "@/lib/realtime/stream-client";
import type { OperatorEvent } from "./operator-context";

export type OperatorStream = {
  connection: StreamState;
  /** Whether the stream has been live once: the banner is for drops, not the first connect. */
  wasLive: boolean;
  /** The server refused the stream for good (signed out, membership gone): reconnecting will not help. */
  refused: boolean;
  subscribe(listener: (e: OperatorEvent) => void): () => void;
};

/**
 * The operator app's one SSE connection (SPEC E4, U3): same-origin cookie, resumed from the position
 * the server rendered at, so nothing between the first paint and the connect is lost (E5). Events of
 * other accounts the user belongs to are dropped here. `onCatchUp` runs when a reconnect has replayed
 * (or the server asked for a resync): the caller refetches what it shows.
 */
export function useOperatorStream(opts: { accountId: number; startAfter: string; onCatchUp(): void }): OperatorStream {
  const [connection, setConnection] = useState<StreamState>("connecting");
  const [wasLive, setWasLive] = useState(false);
  const [refused, setRefused] = useState(false);
  const listeners = useRef(new Set<(e: OperatorEvent) => void>());
  const catchUp = useRef(opts.onCatchUp);
  useEffect(() => {
    catchUp.current = opts.onCatchUp;
  });

  useEffect(() => {
    let readies = 0;
    const client = connectStream({
      url: "/api/v1/stream",
      credentials: "same-origin",
      lastEventId: opts.startAfter,
      onState: (s) => {
        setConnection(s);
        if (s === "live") setWasLive(true);
      },
      onMessage: (m) => {
        if (m.event === "ready") {
          if (readies++ > 0) catchUp.current();
          return;
        }
        if (m.event === "resync") return catchUp.current();
        const parsed = parseEvent(m.event, m.data);
        if (!parsed || parsed.data.account_id !== opts.accountId) return;
        const event: OperatorEvent = { ...parsed, id: m.id ?? null };
        for (const listener of [...listeners.current]) {
          try {
            listener(event);
          } catch (err) {
            console.error("operator stream: listener failed", err);
          }
        }
      },
      // Signed out elsewhere (401) or no longer allowed: say so instead of "Reconnecting…" forever.
      onFatal: () => setRefused(true),
    });
    return () => client.close();
  }, [opts.accountId, opts.startAfter]);

  const subscribe = useCallback((listener: (e: OperatorEvent) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  return { connection, wasLive, refused, subscribe };
}
