"use client";

import { useEffect, useRef } from "react";
import { useOperator } from "@/components/operator/operator-context";

/**
 * Calls `onReconnected` each time the operator stream comes back to "live" after having been
 * something else. The stream resumes losslessly (E5), but after a resync (a gap older than
 * retention) only a refetch tells the truth, so the pane refetches what it shows — cheaply.
 */
export function useReconnected(onReconnected: () => void): void {
  const { connection } = useOperator();
  const latest = useRef(onReconnected);
  const previous = useRef(connection);
  useEffect(() => {
    latest.current = onReconnected;
  });
  useEffect(() => {
    const was = previous.current;
    previous.current = connection;
    if (connection === "live" && was !== "live" && was !== "connecting") latest.current();
  }, [connection]);
}
