import type { Metadata } from "next";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { ApiErrorPatterns } from "@/components/i18n/use-api-error-text";
import { ThemeWatcher } from "@/components/ui/theme-watcher";
import { themeScript, toTheme } from "@/components/ui/theme";
import { CATALOGUES } from "@/lib/i18n/catalogues";
import { storedThemeOfRequest } from "@/lib/profile/stored-theme";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return {
    title: { default: "Parley", template: "%s · Parley" },
    description: t("description"),
    // The files under public/ (U8): without them every page logs a /favicon.ico 404.
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "48x48" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
    manifest: "/manifest.webmanifest",
  };
}

// <html lang> follows the request's language (i18n/request.ts); the provider hands client components
// the same catalogue, so server and client render one language. Rendered per request, never
// prerendered: each page carries its own CSP nonce (proxy.ts). The theme (U11) is on <html> before the
// first paint: the class for "dark", a nonce'd inline script when the system decides.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const [locale, stored, requestHeaders] = await Promise.all([getLocale(), storedThemeOfRequest(), headers()]);
  const theme = toTheme(stored);
  const nonce = /'nonce-([^']+)'/.exec(requestHeaders.get("content-security-policy") ?? "")?.[1];
  return (
    // The inline script may add the class before React hydrates: that difference is expected.
    <html lang={locale} className={theme === "dark" ? "dark" : undefined} data-theme={theme} suppressHydrationWarning>
      <head>{theme === "system" && <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript(theme) }} />}</head>
      <body>
        <ThemeWatcher theme={theme} />
        <NextIntlClientProvider>
          <ApiErrorPatterns english={CATALOGUES.en.apiErrors}>{children}</ApiErrorPatterns>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
