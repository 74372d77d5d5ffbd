"use server";

import { revalidatePath } from "next/cache";
import { agentBotCreateSchema, agentBotUpdateSchema } from "@/lib/agent-bots/agent-bot-input";
import { createAgentBot, deleteAgentBot, resetAgentBotToken, updateAgentBot } from "@/lib/agent-bots/agent-bots";
import { setInboxAgentBot } from "@/lib/agent-bots/inbox-agent-bot";
import { formObject } from "@/lib/settings/form-object";
import type { FormState } from "@/lib/settings/form-state";
import { runSettingsAction } from "@/lib/settings/settings-action";
import { parseInput } from "@/lib/validation";

// Settings → Agent bots (AB1, AB2). Every action checks its caller administers the account (runSettingsAction).
const page = (accountId: number) => `/app/accounts/${accountId}/settings/agent-bots`;
const id = (formData: FormData, name = "id") => Number(formData.get(name));

export async function createAgentBotAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db, t }) => {
    const { bot, accessToken } = await createAgentBot(db, { accountId, input: parseInput(agentBotCreateSchema, formObject(formData)) });
    revalidatePath(page(accountId));
    return { message: t("server.form.botToken", { secret: bot.secret }), secret: accessToken, keepValues: false };
  });
}

export async function updateAgentBotAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    const { id: _id, ...fields } = formObject(formData) as Record<string, unknown>;
    void _id;
    await updateAgentBot(db, { accountId, id: id(formData), input: parseInput(agentBotUpdateSchema, fields) });
    revalidatePath(page(accountId));
    return { keepValues: true };
  });
}

export async function resetAgentBotTokenAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db, t }) => {
    const { bot, accessToken } = await resetAgentBotToken(db, { accountId, id: id(formData) });
    return { message: t("server.form.botToken", { secret: bot.secret }), secret: accessToken };
  });
}

export async function deleteAgentBotAction(accountId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    await deleteAgentBot(db, { accountId, id: id(formData) });
    revalidatePath(page(accountId));
  });
}

/** The inbox settings page's "Agent bot" select: a bot's id, or "" for none. */
export async function setInboxAgentBotAction(accountId: number, inboxId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return runSettingsAction(accountId, formData, async ({ db }) => {
    const raw = formData.get("agent_bot");
    await setInboxAgentBot(db, { accountId, inboxId, agentBotId: raw ? Number(raw) : null });
    revalidatePath(`/app/accounts/${accountId}/settings/inboxes/${inboxId}`);
    revalidatePath(page(accountId));
    return { keepValues: true };
  });
}
