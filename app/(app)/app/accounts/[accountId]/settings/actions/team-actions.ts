"use server";

import { revalidatePath } from "next/cache";
import { updateAccount, accountUpdateSchema } from "@/lib/accounts/update-account";
import { agentCreateSchema, agentUpdateSchema } from "@/lib/agents/agent-input";
import { createAgent, removeAgent, updateAgent } from "@/lib/agents/save-agent";
import { cannedResponseSchema, createCannedResponse, deleteCannedResponse, updateCannedResponse } from "@/lib/canned-responses/canned-responses";
import { createLabel, deleteLabel, labelSchema, updateLabel } from "@/lib/labels/labels";
import { formObject } from "@/lib/settings/form-object";
import type { FormState } from "@/lib/settings/form-state";
import { runSettingsAction } from "@/lib/settings/settings-action";
import { parseInput } from "@/lib/validation";

const settings = (accountId: number, page: string) => `/app/accounts/${accountId}/settings/${page}`;
const id = (formData: FormData) => Number(formData.get("id"));

export async function createAgentAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db, t }) => {
    const raw = formObject(formData);
    const input = parseInput(agentCreateSchema, { ...raw, password: raw.password || undefined });
    const { initialPassword } = await createAgent(db, { accountId, input });
    revalidatePath(settings(accountId, "agents"));
    return initialPassword
      ? { message: t("server.form.agentPassword", { name: input.name }), secret: initialPassword, keepValues: false }
      : { message: t("server.form.agentExisting", { name: input.name }), keepValues: false };
  });
}

export async function updateAgentAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    const { id: _id, ...raw } = formObject(formData);
    await updateAgent(db, { accountId, userId: id(formData), input: parseInput(agentUpdateSchema, raw) });
    revalidatePath(settings(accountId, "agents"));
  });
}

export async function removeAgentAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db, user }) => {
    await removeAgent(db, { accountId, userId: id(formData), actorId: user.id });
    revalidatePath(settings(accountId, "agents"));
  });
}

export async function saveCannedResponseAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    const input = parseInput(cannedResponseSchema, formObject(formData));
    if (formData.get("id")) await updateCannedResponse(db, { accountId, id: id(formData), input });
    else await createCannedResponse(db, { accountId, input });
    revalidatePath(settings(accountId, "canned-responses"));
    return { keepValues: Boolean(formData.get("id")) };
  });
}

export async function deleteCannedResponseAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    await deleteCannedResponse(db, { accountId, id: id(formData) });
    revalidatePath(settings(accountId, "canned-responses"));
  });
}

export async function saveLabelAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    const input = parseInput(labelSchema, formObject(formData));
    if (formData.get("id")) await updateLabel(db, { accountId, id: id(formData), input });
    else await createLabel(db, { accountId, input });
    revalidatePath(settings(accountId, "labels"));
    return { keepValues: Boolean(formData.get("id")) };
  });
}

export async function deleteLabelAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    await deleteLabel(db, { accountId, id: id(formData) });
    revalidatePath(settings(accountId, "labels"));
  });
}

export async function updateAccountAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    await updateAccount(db, { accountId, input: parseInput(accountUpdateSchema, formObject(formData)) });
    revalidatePath(`/app/accounts/${accountId}`, "layout");
  });
}
