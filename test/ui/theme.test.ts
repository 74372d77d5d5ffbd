import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUT } from "@/app/api/v1/profile/route";
import { isDark, themeScript, toTheme } from "@/components/ui/theme";
import { installDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createAccount, createUser } from "@/test/support/fixtures";
import { apiRequest, callRoute } from "@/test/support/http";

// U11: the theme choice — system (default), light or dark — and the script that applies it before paint.
describe("the theme choice (U11)", () => {
  it("U11: anything but light or dark is the system's; dark wins over the system, light loses to nothing", () => {
    expect([toTheme("dark"), toTheme("light"), toTheme(undefined), toTheme("blue"), toTheme(null)]).toEqual(["dark", "light", "system", "system", "system"]);
    expect([isDark("system", true), isDark("system", false), isDark("dark", false), isDark("light", true)]).toEqual([true, false, true, false]);
  });

  it("U11: the inline script sets the class from the choice, or from the system's media query", () => {
    const run = (theme: "system" | "light" | "dark", systemDark: boolean) => {
      const classes = new Set<string>();
      const document = { documentElement: { classList: { toggle: (c: string, on: boolean) => (on ? classes.add(c) : classes.delete(c)) } } };
      const matchMedia = (q: string) => ({ matches: q === "(prefers-color-scheme: dark)" && systemDark });
      new Function("document", "matchMedia", themeScript(theme))(document, matchMedia);
      return classes.has("dark");
    };
    expect([run("system", true), run("system", false), run("dark", false), run("light", true)]).toEqual([true, false, true, false]);
  });
});

describe.each(backends)("the theme is stored per user (%s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    installDatabase(t);
    installCoordinationStore(createMemoryStore());
  });
  afterAll(async () => closeTestDatabase(t));

  it("U11: PUT /api/v1/profile stores ui_settings.theme, refuses an unknown one naming the field, and null follows the system again", async () => {
    const account = await createAccount(t.db, { name: "Acme" });
    const user = await createUser(t.db, { name: "Dana", email: "dana-theme@example.test", memberships: [{ account }] });
    const put = async (body: unknown) => callRoute(PUT, await apiRequest("/api/v1/profile", { method: "PUT", token: user.accessToken, body }));
    const stored = async () => (await t.db.select({ ui: users.uiSettings }).from(users).where(eq(users.id, user.id)))[0]!.ui;

    expect((await put({ profile: { ui_settings: { theme: "dark", locale: "ru" } } })).status).toBe(200);
    expect(await stored()).toEqual({ theme: "dark", locale: "ru" });
    const bad = await put({ ui_settings: { theme: "blue" } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: Record<string, string[]> }).errors).toHaveProperty(["ui_settings.theme"]);
    expect(await stored()).toEqual({ theme: "dark", locale: "ru" });
    expect((await put({ ui_settings: { theme: null } })).status).toBe(200);
    expect(await stored()).toEqual({ locale: "ru" });
  });
});
