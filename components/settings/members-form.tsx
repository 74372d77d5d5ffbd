"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { idleState, type FormState } from "@/lib/settings/form-state";
import { buttonClass, FormStatus } from "./form-parts";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Who answers this inbox: ticking an agent adds them to its assignment queue, unticking returns their open conversations (A5). */
export function MembersForm({ action, agents, memberIds }: { action: Action; agents: { id: number; name: string; email: string; role: string }[]; memberIds: number[] }) {
  const [state, formAction, pending] = useActionState(action, idleState());
  const t = useTranslations("settings");
  const typed = state.values["user_ids[]"];
  const selected = new Set(typed !== undefined ? typed.split(",").map(Number) : memberIds);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="user_ids" value="" />
      <ul className="divide-y divide-slate-100 dark:divide-slate-800 rounded-md border border-slate-200 dark:border-slate-700">
        {agents.map((a) => (
          <li key={a.id} className="flex items-center gap-3 px-3 py-2">
            <input id={`member-${a.id}`} type="checkbox" name="user_ids" value={a.id} defaultChecked={selected.has(a.id)} className="h-4 w-4" />
            <label htmlFor={`member-${a.id}`} className="flex-1 text-sm">
              <span className="font-medium text-slate-800 dark:text-slate-200">{a.name}</span> <span className="text-slate-500 dark:text-slate-400">{a.email}</span>
            </label>
            <span className="text-xs text-slate-500 dark:text-slate-400">{a.role === "administrator" || a.role === "agent" ? t(`roles.${a.role}`) : a.role}</span>
          </li>
        ))}
      </ul>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass()}>
          {pending ? t("form.saving") : t("form.saveMembers")}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
