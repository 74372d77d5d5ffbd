"use client";

import { useCallback, useSyncExternalStore } from "react";

/** The contact panel's open/closed state, remembered per browser (localStorage) and shared by tabs. */
const KEY = "parley.contactPanel";
const listeners = new Set<() => void>();

/** Without a stored choice the panel starts open where it fits beside the thread (≥ 1280 px). */
function read(): boolean {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(KEY);
  } catch {
    // Storage blocked: fall back to the width.
  }
  return stored === null ? window.matchMedia("(min-width: 1280px)").matches : stored === "open";
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key === KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function usePanelPreference(): [boolean, (open: boolean) => void] {
  const open = useSyncExternalStore(subscribe, read, () => true);
  const set = useCallback((next: boolean) => {
    try {
      window.localStorage.setItem(KEY, next ? "open" : "closed");
    } catch {
      // Private mode without storage: the choice lasts until reload.
    }
    listeners.forEach((l) => l());
  }, []);
  return [open, set];
}
