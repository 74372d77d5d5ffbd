"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { replaceInboxMembers } from "@/lib/inboxes/inbox-members";
import { inboxCreateSchema, inboxUpdateSchema } from "@/lib/inboxes/inbox-input";
import { createInbox, deleteInbox, rotateApiInboxSecret, rotateHmacToken, updateInbox } from "@/lib/inboxes/save-inbox";
import { formObject } from "@/lib/settings/form-object";
import type { FormState } from "@/lib/settings/form-state";
import { runSettingsAction } from "@/lib/settings/settings-action";
import { scheduleFromForm, type DayForm } from "@/lib/settings/working-hours-form";
import { parseInput } from "@/lib/validation";

const inboxPath = (accountId: number, inboxId?: number) => `/app/accounts/${accountId}/settings/inboxes${inboxId ? `/${inboxId}` : ""}`;

export async function createInboxAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  let createdId = 0;
  const state = await runSettingsAction(accountId, formData, async ({ db, t }) => {
    const input = parseInput(inboxCreateSchema, { ...formObject(formData), channel: { type: "web_widget", ...(formObject(formData).channel as object) } });
    const created = await createInbox(db, { accountId, input });
    createdId = created.inbox.id;
    // AP2: an API inbox's signing secret is shown once; the redirect below would lose it, so stay.
    if (created.apiChannel) return { message: t("server.form.apiInboxSecret"), secret: created.apiChannel.secret, keepValues: false };
  });
  if (state.status === "saved" && state.secret) return state;
  if (state.status === "saved") redirect(inboxPath(accountId, createdId));
  return state;
}

export async function updateInboxAction(accountId: number, inboxId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    const input = parseInput(inboxUpdateSchema, formObject(formData, { lists: ["channel.selected_feature_flags"] }));
    await updateInbox(db, { accountId, inboxId, input });
    revalidatePath(inboxPath(accountId, inboxId));
  });
}

export async function updateWorkingHoursAction(accountId: number, inboxId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    const raw = formObject(formData) as { working_hours?: DayForm[] };
    const input = parseInput(inboxUpdateSchema, { ...raw, working_hours: scheduleFromForm(raw.working_hours) });
    await updateInbox(db, { accountId, inboxId, input });
    revalidatePath(inboxPath(accountId, inboxId));
  });
}

export async function updateAssignmentAction(accountId: number, inboxId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    const numbers = ["auto_assignment_config.max_assignment_limit", "auto_assignment_config.fair_distribution_limit", "auto_assignment_config.fair_distribution_window_s"];
    const input = parseInput(inboxUpdateSchema, formObject(formData, { numbers }));
    await updateInbox(db, { accountId, inboxId, input });
    revalidatePath(inboxPath(accountId, inboxId));
  });
}

export async function updateMembersAction(accountId: number, inboxId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    const userIds = formData
      .getAll("user_ids")
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    await replaceInboxMembers(db, { accountId, inboxId, userIds });
    revalidatePath(inboxPath(accountId, inboxId));
  });
}

export async function rotateHmacAction(accountId: number, inboxId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db, t }) => {
    await rotateHmacToken(db, { accountId, inboxId });
    revalidatePath(inboxPath(accountId, inboxId));
    return { message: t("server.form.secretRotated") };
  });
}

/** AP2: a new signing secret for an API inbox's webhook_url, shown once in the answer. */
export async function rotateApiSecretAction(accountId: number, inboxId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db, t }) => {
    const secret = await rotateApiInboxSecret(db, { accountId, inboxId });
    return { message: t("server.form.apiInboxSecret"), secret };
  });
}

export async function deleteInboxAction(accountId: number, inboxId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runSettingsAction(accountId, formData, async ({ db }) => deleteInbox(db, { accountId, inboxId }));
  if (state.status === "saved") redirect(inboxPath(accountId));
  return state;
}
