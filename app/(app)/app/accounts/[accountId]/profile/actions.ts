"use server";

import { revalidatePath } from "next/cache";
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
    const { locale } = formObject(formData);
    // "" = follow the account's language; a code must be one Parley has (422 naming ui_settings.locale).
    const input = parseInput(profileUpdateSchema, { ui_settings: { locale: locale ? locale : null } });
    await updateProfileByUser({ db, userId: user.id, input });
    // Every page renders in the new language, <html lang> included; the client router's cache goes too.
    revalidatePath("/", "layout");
  });
}

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runProfileAction(formData, async ({ db, user, t }) => {
    const { current_password, password, password_confirmation } = formObject(formData);
    await updateProfileByUser({ db, userId: user.id, input: parseInput(profileUpdateSchema, { current_password, password, password_confirmation }) });
    return { message: t("server.form.passwordChanged"), keepValues: false };
  });
}

export async function rotateTokenAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runProfileAction(formData, async ({ db, user, t }) => {
    await rotateAccessTokenByUser(db, { userId: user.id });
    revalidatePath("/app", "layout");
    return { message: t("server.form.tokenRotated") };
  });
}
