import type { Metadata } from "next";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ApiErrorPatterns } from "@/components/i18n/use-api-error-text";
import { CATALOGUES } from "@/lib/i18n/catalogues";
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
// prerendered: each page carries its own CSP nonce (proxy.ts).
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <ApiErrorPatterns english={CATALOGUES.en.apiErrors}>{children}</ApiErrorPatterns>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
