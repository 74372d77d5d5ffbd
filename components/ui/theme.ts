/**
 * Light and dark (U11): each user picks "system" (the default: the operating system's setting decides,
 * live), "light" or "dark" in their profile; it is stored as `ui_settings.theme` (absent = system).
 * Tailwind's `dark:` variants key on a `dark` class on <html> (app/globals.css), which the root
 * layout sets before the first paint: in the server's HTML for "dark", and from a tiny inline script
 * for "system" — so no page ever flashes the other theme.
 */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const toTheme = (v: unknown): Theme => (v === "light" || v === "dark" ? v : "system");

/** Whether the page is dark for a choice, given the system's preference. */
export const isDark = (theme: Theme, systemDark: boolean): boolean => theme === "dark" || (theme === "system" && systemDark);

export const DARK_QUERY = "(prefers-color-scheme: dark)";

/** The script that sets the class before the first paint (inlined with the page's CSP nonce). */
export function themeScript(theme: Theme): string {
  return `(function(){try{var d=${theme === "dark" ? "true" : theme === "light" ? "false" : `matchMedia(${JSON.stringify(DARK_QUERY)}).matches`};var c=document.documentElement.classList;c.toggle("dark",d);}catch(e){}})();`;
}
