"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { localiseApiError } from "@/lib/i18n/api-error-text";
import en from "@/messages/en.json";

/** The API's English error message in the viewer's language (lib/i18n/api-error-text.ts). */
export function useApiErrorText(): (message: string) => string {
  const t = useTranslations("apiErrors");
  return useCallback((message: string) => localiseApiError(message, en.apiErrors, (key, values) => (t as (k: string, v?: Record<string, string>) => string)(key, values)), [t]);
}
