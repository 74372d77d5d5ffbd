"use server";

import { revalidatePath } from "next/cache";
import { WEBHOOK_EVENTS } from "@/db/schema";
import { formObject } from "@/lib/settings/form-object";
import type { FormState } from "@/lib/settings/form-state";
import { runSettingsAction } from "@/lib/settings/settings-action";
import { parseInput } from "@/lib/validation";
import { createWebhook, deleteWebhook, queueTestEvent, retryDelivery, rotateWebhookSecret, updateWebhook, webhookSchema } from "@/lib/webhooks/webhooks";

const page = (accountId: number) => `/app/accounts/${accountId}/settings/webhooks`;
const id = (formData: FormData, name = "id") => Number(formData.get(name));

/** The form names each subscription `sub.<event>` (a checkbox); the API takes the list. `inbox_id` is a select. */
function webhookBody(formData: FormData) {
  const raw = formObject(formData) as { url?: unknown; name?: unknown; sub?: Record<string, boolean>; inbox_id?: unknown };
  // "All inboxes" is the empty choice (WH7).
  const inbox = raw.inbox_id === "" || raw.inbox_id === undefined || raw.inbox_id === null ? null : raw.inbox_id;
  return { url: raw.url, name: raw.name, subscriptions: WEBHOOK_EVENTS.filter((e) => raw.sub?.[e] === true), inbox_id: inbox };
}

export async function createWebhookAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db, t }) => {
    const hook = await createWebhook(db, { accountId, input: parseInput(webhookSchema, webhookBody(formData)) });
    revalidatePath(page(accountId));
    return { message: t("server.form.webhookSecret"), secret: hook.secret, keepValues: false };
  });
}

export async function updateWebhookAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    await updateWebhook(db, { accountId, id: id(formData), input: parseInput(webhookSchema, webhookBody(formData)) });
    revalidatePath(page(accountId));
    return { keepValues: true };
  });
}

export async function deleteWebhookAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    await deleteWebhook(db, { accountId, id: id(formData) });
    revalidatePath(page(accountId));
  });
}

export async function rotateWebhookSecretAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db, t }) => {
    const hook = await rotateWebhookSecret(db, { accountId, id: id(formData) });
    return { message: t("server.form.webhookSecret"), secret: hook.secret };
  });
}

export async function testWebhookAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db, t }) => {
    await queueTestEvent(db, { accountId, id: id(formData) });
    revalidatePath(page(accountId));
    return { message: t("server.form.webhookTestQueued") };
  });
}

export async function retryDeliveryAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    await retryDelivery(db, { accountId, id: id(formData), deliveryId: id(formData, "delivery_id") });
    revalidatePath(page(accountId));
  });
}
