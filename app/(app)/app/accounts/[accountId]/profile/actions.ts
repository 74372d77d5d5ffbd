"use server";

import { revalidatePath } from "next/cache";
import { renewSessionInAction } from "@/lib/auth/renew-session";
import { z } from "zod";
import { localeSchema } from "@/lib/i18n/locales";
import { rotateAccessTokenByUser } from "@/lib/profile/rotate-access-token";
import { profileUpdateSchema, updateProfileByUser } from "@/lib/profile/update-profile";
import { formObject } from "@/lib/settings/form-object";
import type { FormState } from "@/lib/settings/form-state";
import { runProfileAction } from "@/lib/settings/settings-action";
import { parseInput } from "@/lib/validation";

// Each acts on the signed-in user only (their id comes from the session, never from the form).

export async function updateNameAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runProfileAction(formData, async ({ db, user }) => {
    const { name, display_name } = formObject(formData);
    await updateProfileByUser({ db, userId: user.id, input: parseInput(profileUpdateSchema, { name, display_name }) });
    revalidatePath("/app", "layout");
  });
}

export async function updateLocaleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runProfileAction(formData, async ({ db, user }) => {
    // "" = follow the account's language; a code must be one Parley has (a field error on the select).
    const { locale } = parseInput(z.object({ locale: localeSchema.nullable() }), { locale: formObject(formData).locale || null });
    await updateProfileByUser({ db, userId: user.id, input: parseInput(profileUpdateSchema, { ui_settings: { locale } }) });
    // Every page renders in the new language, <html lang> included; the client router's cache goes too.
    revalidatePath("/", "layout");
  });
}

export async function updateThemeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runProfileAction(formData, async ({ db, user }) => {
    // "system" (or nothing) = follow the operating system's setting: the stored choice is removed (U11).
    const raw = formObject(formData).theme;
    const theme = raw === "system" || !raw ? null : raw;
    await updateProfileByUser({ db, userId: user.id, input: parseInput(profileUpdateSchema, { ui_settings: { theme } }) });
    // The root layout puts the theme on <html>: every page re-renders with it.
    revalidatePath("/", "layout");
  });
}

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runProfileAction(formData, async ({ db, user, t }) => {
    const { current_password, password, password_confirmation } = formObject(formData);
    const { sessionVersion } = await updateProfileByUser({ db, userId: user.id, input: parseInput(profileUpdateSchema, { current_password, password, password_confirmation }) });
    // Every other session of this user has ended; this one carries on.
    if (sessionVersion !== null) await renewSessionInAction(sessionVersion);
    return { message: t("server.form.passwordChanged"), keepValues: false };
  });
}

export async function rotateTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runProfileAction(formData, async ({ db, user, t }) => {
    const { sessionVersion } = await rotateAccessTokenByUser(db, { userId: user.id });
    await renewSessionInAction(sessionVersion);
    revalidatePath("/app", "layout");
    return { message: t("server.form.tokenRotated") };
  });
}
