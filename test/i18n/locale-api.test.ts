import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, PUT } from "@/app/api/v1/profile/route";
import { installDatabase } from "@/db/client";
import { accounts, users } from "@/db/schema";
import { accountUpdateSchema } from "@/lib/accounts/update-account";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { parseInput } from "@/lib/validation";
import { buildClientWorld } from "@/test/support/client-world";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createAccount, createUser } from "@/test/support/fixtures";
import { apiRequest, callRoute } from "@/test/support/http";
import { widgetApi } from "@/test/support/widget-api";

type Config = { website_channel_config: { locale: string; enabled_languages: { iso_639_1_code: string }[] }; i18n: Record<string, string> };

// The languages offered are the languages Parley has: a code it lacks is a 422 naming the field and
// writes nothing, in every API that takes one.
describe.each(backends)("locale in the APIs (%s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    installDatabase(t);
    installCoordinationStore(createMemoryStore());
  });
  afterAll(async () => closeTestDatabase(t));

  it("PUT /api/v1/profile stores ui_settings.locale, refuses an unknown one naming the field, and null follows the account again", async () => {
    const account = await createAccount(t.db, { name: "Рога и копыта" });
    const user = await createUser(t.db, { name: "Ирина", email: "irina@example.test", memberships: [{ account }] });
    const put = async (body: unknown) => callRoute(PUT, await apiRequest("/api/v1/profile", { method: "PUT", token: user.accessToken, body }));
    const stored = async () => (await t.db.select({ ui: users.uiSettings }).from(users).where(eq(users.id, user.id)))[0]!.ui;

    const ok = await put({ profile: { ui_settings: { locale: "ru", rtl_view: false } } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ui_settings: unknown }).ui_settings).toEqual({ locale: "ru", rtl_view: false });

    const bad = await put({ profile: { ui_settings: { locale: "de" } } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: Record<string, string[]> }).errors).toEqual({ "ui_settings.locale": ["is not a supported language"] });
    expect(await stored()).toEqual({ locale: "ru", rtl_view: false });

    const back = await put({ ui_settings: { locale: null } });
    expect(back.status).toBe(200);
    expect(await stored()).toEqual({ rtl_view: false });
    const got = await callRoute(GET, await apiRequest("/api/v1/profile", { token: user.accessToken }));
    expect(((await got.json()) as { ui_settings: unknown }).ui_settings).toEqual({ rtl_view: false });
  });

  it("the account's language is one Parley has", () => {
    expect(parseInput(accountUpdateSchema, { name: "Acme", locale: "ru" })).toEqual({ name: "Acme", locale: "ru" });
    expect(() => parseInput(accountUpdateSchema, { name: "Acme", locale: "fr" })).toThrow(expect.objectContaining({ status: 422, fields: { locale: ["is not a supported language"] } }));
  });

  it("the widget config answers in ?locale=, else the account's language; an unknown code is a 422 naming locale", async () => {
    installCoordinationStore(createMemoryStore());
    const w = await buildClientWorld(t.db);
    const q = `?website_token=${w.widget.websiteToken}`;

    const en = (await widgetApi("POST", `/api/v1/widget/config${q}`)).body as Config;
    expect(en.website_channel_config.locale).toBe("en");
    expect(en.i18n.placeholder).toBe("Type your message…");
    expect(en.website_channel_config.enabled_languages.map((l) => l.iso_639_1_code)).toEqual(["en", "ru"]);

    const ru = (await widgetApi("POST", `/api/v1/widget/config${q}&locale=ru`)).body as Config;
    expect(ru.website_channel_config.locale).toBe("ru");
    expect(ru.i18n).toMatchObject({ placeholder: "Ваше сообщение…", send: "Отправить" });

    const bad = await widgetApi("POST", `/api/v1/widget/config${q}&locale=klingon`);
    expect(bad.status).toBe(422);
    expect((bad.body as { errors: Record<string, string[]> }).errors).toEqual({ locale: ["is not a supported language"] });

    await t.db.update(accounts).set({ locale: "ru" }).where(eq(accounts.id, w.account.id));
    expect(((await widgetApi("POST", `/api/v1/widget/config${q}`)).body as Config).website_channel_config.locale).toBe("ru");
  });
});
