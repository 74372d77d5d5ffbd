"use client";

import { useCallback, useSyncExternalStore } from "react";

/** The contact panel's open/closed state, remembered per browser (localStorage) and shared by tabs. */
const KEY = "parley.contactPanel";
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== "closed";
  } catch {
    return true;
  }
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
