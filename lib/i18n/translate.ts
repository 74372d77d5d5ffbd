import { createTranslator } from "next-intl";
import { messagesFor } from "./catalogues";
import type { Locale } from "./locales";

/**
 * A translator for text Parley writes outside React (activity lines, automatic messages, server-action
 * answers): the same catalogues and ICU syntax as the UI, in the locale given; keys are full paths.
 */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale) });
}
