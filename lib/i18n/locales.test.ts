import { describe, expect, it } from "vitest";
import { chooseLocale, chooseWidgetLocale } from "./choose-locale";
import { localeSchema, negotiateLocale } from "./locales";

describe("which language", () => {
  it("the agent's own choice wins over the account's; the browser only counts when signed out", () => {
    expect(chooseLocale({ user: "ru", account: "en" })).toBe("ru");
    expect(chooseLocale({ user: null, account: "ru", acceptLanguage: "en-US" })).toBe("ru");
    expect(chooseLocale({ user: "xx", account: "en" })).toBe("en");
    expect(chooseLocale({ acceptLanguage: "de-DE,ru;q=0.8,en;q=0.5" })).toBe("ru");
    expect(chooseLocale({ acceptLanguage: "de-DE" })).toBe("en");
  });

  it("the widget: the host page's, then the account's, then the browser's", () => {
    expect(chooseWidgetLocale({ requested: "ru", account: "en", browser: "en" })).toBe("ru");
    expect(chooseWidgetLocale({ requested: undefined, account: "ru", browser: "en" })).toBe("ru");
    expect(chooseWidgetLocale({ requested: undefined, account: undefined, browser: ["fr-FR", "ru-RU"] })).toBe("ru");
  });

  it("negotiates by primary subtag and quality", () => {
    expect(negotiateLocale("ru-RU")).toBe("ru");
    expect(negotiateLocale("fr;q=1, ru;q=0.1, en;q=0.5")).toBe("en");
    expect(negotiateLocale("*")).toBeNull();
    expect(negotiateLocale(null)).toBeNull();
  });

  it("accepts only the languages Parley has", () => {
    expect(localeSchema.safeParse("ru").success).toBe(true);
    const refused = localeSchema.safeParse("de");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("is not a supported language");
  });
});
