import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import type { Locale } from "./locales";

/** The English catalogue's shape: every other catalogue has exactly its keys (messages/catalogues.test.ts). */
export type Messages = typeof en;

export const CATALOGUES: Record<Locale, Messages> = { en, ru };

export const messagesFor = (locale: Locale): Messages => CATALOGUES[locale];
