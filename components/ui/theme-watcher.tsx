"use client";

import { useEffect } from "react";
import { DARK_QUERY, isDark, type Theme } from "./theme";

/**
 * Keeps <html>'s `dark` class true to the user's choice after the first paint (U11): when the system
 * setting changes while "system" is chosen, and when the profile's choice changes without a reload
 * (the inline script of the root layout only ran once).
 */
export function ThemeWatcher({ theme }: { theme: Theme }) {
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const apply = () => document.documentElement.classList.toggle("dark", isDark(theme, media.matches));
    apply();
    if (theme !== "system") return;
    media.addEventListener("change", apply);
    return () => media.removeEventListener("change", apply);
  }, [theme]);
  return null;
}
