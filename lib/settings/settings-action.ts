import { getDb, type Db } from "@/db/client";
import { requireAccountAdministrator } from "@/lib/auth/require-account-administrator";
import { getSessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/session-user";
import { formValues } from "./form-object";
import type { FormState } from "./form-state";

type Work = (ctx: { db: Db; user: SessionUser; accountId: number; formData: FormData }) => Promise<{ message?: string; secret?: string; keepValues?: boolean } | void>;

/**
 * The frame of every settings server action: server actions are public POST endpoints, so each one
 * re-reads the session and checks that the caller administers *that* account before anything else
 * (SPEC §10, §12). Domain errors become form state with the typed values kept; a refusal is a
 * message, never a write. Unexpected errors propagate to Next's error boundary.
 */
export async function runSettingsAction(accountId: number, formData: FormData, work: Work): Promise<FormState> {
  return runAction(formData, () => requireAccountAdministrator(accountId), (ctx) => work({ ...ctx, accountId }));
}

/** The same frame for a user's own profile: any signed-in user, acting on themselves only. */
export async function runProfileAction(formData: FormData, work: (ctx: { db: Db; user: SessionUser; formData: FormData }) => ReturnType<Work>): Promise<FormState> {
  return runAction(formData, async () => {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthorized", "You need to sign in or sign up before continuing.");
    return user;
  }, work);
}

async function runAction(formData: FormData, authorize: () => Promise<SessionUser>, work: (ctx: { db: Db; user: SessionUser; formData: FormData }) => ReturnType<Work>): Promise<FormState> {
  // Passwords are never sent back into the page, even to the person who typed them.
  const values = Object.fromEntries(Object.entries(formValues(formData)).filter(([name]) => !name.includes("password")));
  try {
    const user = await authorize();
    const done = (await work({ db: await getDb(), user, formData })) ?? {};
    return { status: "saved", values: done.keepValues === false ? {} : values, errors: {}, message: done.message ?? "Saved", secret: done.secret };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const message = err.code === "validation" ? "Please correct the highlighted fields" : err.code === "forbidden" ? "Only administrators can change settings" : err.message;
    return { status: "error", values, errors: err.fields ?? {}, message };
  }
}
