import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ApiErrorPatterns } from "@/components/i18n/use-api-error-text";
import { CATALOGUES } from "@/lib/i18n/catalogues";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return { title: { default: "Parley", template: "%s · Parley" }, description: t("description") };
}

// <html lang> follows the request's language (i18n/request.ts); the provider hands client components
// the same catalogue, so server and client render one language.
export default async function RootLayout({ children }: { children: ReactNode }) {
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
