"use client";

import { useEffect, useState } from "react";

/** The time in epoch seconds, refreshed every `everyMs` so relative times and waiting colours move on. */
export function useNowSeconds(everyMs: number, renderedAt: number): number {
  // Starts at the server's render time so hydration matches, then follows the clock.
  const [now, setNow] = useState(renderedAt);
  useEffect(() => {
    const tick = () => setNow(Math.floor(Date.now() / 1000));
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [everyMs]);
  return now;
}
