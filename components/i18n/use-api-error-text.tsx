"use client";

import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, type ReactNode } from "react";
import { localiseApiError, type ApiErrorCatalogue } from "@/lib/i18n/api-error-text";

/**
 * The English templates of the API's messages, handed down by the root layout (in the page's data,
 * not in every client bundle: the English catalogue stays on the server).
 */
const Patterns = createContext<ApiErrorCatalogue | null>(null);

export function ApiErrorPatterns({ english, children }: { english: ApiErrorCatalogue; children: ReactNode }) {
  return <Patterns.Provider value={english}>{children}</Patterns.Provider>;
}

/** The API's English error message in the viewer's language (lib/i18n/api-error-text.ts). */
export function useApiErrorText(): (message: string) => string {
  const t = useTranslations("apiErrors");
  const english = useContext(Patterns);
  return useCallback(
    (message: string) => (english ? localiseApiError(message, english, (key, values) => (t as (k: string, v?: Record<string, string>) => string)(key, values)) : message),
    [t, english],
  );
}
