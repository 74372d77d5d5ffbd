import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { BLANK } from "@/lib/validation";


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

/** Name, display name and password; a new password needs the current one (422 when it is wrong). */
export async function updateProfileByUser({ db, userId, input }: { db: Db; userId: number; input: ProfileUpdate }): Promise<void> {
  const changes: Partial<typeof users.$inferInsert> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.display_name !== undefined) changes.displayName = input.display_name || null;
  if (input.password !== undefined) {
    const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
    if (!user) throw AppError.notFound();
    if (!(await verifyPassword(user.passwordHash, input.current_password ?? ""))) {
      throw AppError.validation({ current_password: ["is invalid"] });
    }
    changes.passwordHash = await hashPassword(input.password);
  }
  if (Object.keys(changes).length === 0) return;
  await db.update(users).set(changes).where(eq(users.id, userId));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
