import { eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { localeSchema } from "@/lib/i18n/locales";
import { BLANK, jsonWithoutNul, NUL_MESSAGE } from "@/lib/validation";
import { settleLookupCache } from "@/lib/realtime/process-hub";

/**
 * PUT /api/v1/profile input. Chatwoot reads `params.require(:profile)` with Rails' JSON wrapping, so the
 * fields are accepted at the top level or under `profile`.
 */
export const profileUpdateSchema = z.preprocess(
  (v) => (isObject(v) && isObject(v.profile) ? { ...v, ...v.profile } : v),
  z
    .object({
      name: z.string(BLANK).trim().min(1, BLANK).max(255, "is too long (maximum is 255 characters)").optional(),
      display_name: z.string().trim().max(255, "is too long (maximum is 255 characters)").nullable().optional(),
      current_password: z.string().optional(),
      password: z.string().min(8, "is too short (minimum is 8 characters)").max(128, "is too long (maximum is 128 characters)").optional(),
      password_confirmation: z.string().optional(),
      /**
       * Chatwoot's free-form `ui_settings`, merged into what is stored. `locale` is the agent's own
       * language (a code Parley has, 422 otherwise); null goes back to following the account.
       * `theme` is "light" or "dark" (U11); null goes back to following the system setting.
       */
      ui_settings: z
        .object({ locale: localeSchema.nullable().optional(), theme: z.enum(["light", "dark"], "is not a theme (light, dark or null)").nullable().optional() })
        .catchall(z.unknown())
        .refine(jsonWithoutNul, NUL_MESSAGE)
        .refine((v) => JSON.stringify(v).length <= 10_000, "is too long (maximum is 10000 characters)")
        .optional(),
    })
    .superRefine((v, ctx) => {
      if (v.password === undefined) return;
      if (!v.current_password) ctx.addIssue({ code: "custom", path: ["current_password"], message: BLANK });
      if (v.password_confirmation !== v.password) {
        ctx.addIssue({ code: "custom", path: ["password_confirmation"], message: "doesn't match Password" });
      }
    }),
);
export type ProfileUpdate = z.output<typeof profileUpdateSchema>;

/**
 * Name, display name, password and UI settings; a new password needs the current one (422 when it is
 * wrong). A new password bumps the session version, which ends every session issued before (issue #13
 * §5); the new version is returned so the caller can renew its own session, else null.
 */
export async function updateProfileByUser({ db, userId, input }: { db: Db; userId: number; input: ProfileUpdate }): Promise<{ sessionVersion: number | null }> {
  const changes: PgUpdateSetSource<typeof users> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.display_name !== undefined) changes.displayName = input.display_name || null;
  if (input.password !== undefined) {
    const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
    if (!user) throw AppError.notFound();
    if (!(await verifyPassword(user.passwordHash, input.current_password ?? ""))) {
      throw AppError.validation({ current_password: ["is invalid"] });
    }
    changes.passwordHash = await hashPassword(input.password);
    changes.sessionVersion = sql`${users.sessionVersion} + 1`;
  }
  if (input.ui_settings !== undefined) {
    const { locale, theme, ...rest } = input.ui_settings;
    const set = { ...rest, ...(locale && { locale }), ...(theme && { theme }) };
    // Merged in SQL, so concurrent changes of different keys both land; a null locale or theme is removed.
    let merged = sql`(${users.uiSettings} || ${JSON.stringify(set)}::jsonb)`;
    if (locale === null) merged = sql`(${merged} - 'locale')`;
    if (theme === null) merged = sql`(${merged} - 'theme')`;
    changes.uiSettings = merged;
  }
  if (Object.keys(changes).length === 0) return { sessionVersion: null };
  const [row] = await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  await settleLookupCache(); // E8
  return { sessionVersion: input.password !== undefined ? (row?.sessionVersion ?? null) : null };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
