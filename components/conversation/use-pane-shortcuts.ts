"use client";

import { useEffect, useRef } from "react";

/**
 * U4: Alt+E resolves or reopens, Alt+O toggles the contact panel. Physical keys (`code`), so they
 * work whatever Alt types on the layout (macOS Option+E is a dead key).
 */
export function usePaneShortcuts(handlers: { toggleStatus: () => void; togglePanel: () => void }): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.repeat) return;
      if (e.code === "KeyE") {
        e.preventDefault();
        latest.current.toggleStatus();
      } else if (e.code === "KeyO") {
        e.preventDefault();
        latest.current.togglePanel();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
