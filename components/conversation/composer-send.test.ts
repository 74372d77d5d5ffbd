import { describe, expect, it } from "vitest";
import { ApiRequestError } from "@/components/operator/api";
import { localiseApiError } from "@/lib/i18n/api-error-text";
import { translator } from "@/lib/i18n/translate";
import en from "@/messages/en.json";
import { describeSendError, type SendErrorWords } from "./composer-send";

function wordsIn(locale: "en" | "ru"): SendErrorWords {
  const t = translator(locale) as unknown as (key: string, values?: Record<string, string>) => string;
  return Object.assign((key: string) => t(`conversation.composer.errors.${key}`), { api: (m: string) => localiseApiError(m, en.apiErrors, (k, v) => t(`apiErrors.${k}`, v)) });
}
const words = wordsIn("en");

// What the agent reads under the composer when a send fails (SPEC M1 422s, M2 429, §8 403/404).
describe("describeSendError", () => {
  it("names the flood limit, a refusal and a vanished conversation in plain words", () => {
    expect(describeSendError(new ApiRequestError(429, "Too many messages"), words)).toMatch(/too many messages.*wait/i);
    expect(describeSendError(new ApiRequestError(403, "Forbidden"), words)).toBe("You can't reply in this conversation.");
    expect(describeSendError(new ApiRequestError(404, "Resource could not be found"), words)).toBe("This conversation is no longer available.");
  });

  it("passes the API's own validation message through", () => {
    expect(describeSendError(new ApiRequestError(422, "Content is too long (maximum is 150000 characters)", { content: ["is too long"] }), words)).toBe(
      "Content is too long (maximum is 150000 characters)",
    );
  });

  it("says it in the agent's language, the API's message included", () => {
    const ru = wordsIn("ru");
    expect(describeSendError(new ApiRequestError(403, "Forbidden"), ru)).toBe("Вы не можете отвечать в этом диалоге.");
    expect(describeSendError(new ApiRequestError(422, "Content is too long (maximum is 150000 characters)"), ru)).toBe("Текст: слишком длинное (максимум 150000 символов)");
    expect(describeSendError(new ApiRequestError(422, "Something only the server knows"), ru)).toBe("Something only the server knows");
  });

  it("calls anything that is not an API answer a connection problem", () => {
    expect(describeSendError(new TypeError("Failed to fetch"), words)).toMatch(/could not reach the server/i);
  });
});
