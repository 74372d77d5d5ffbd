"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { AttributeField, type SaveProblem } from "@/components/contacts/contact-details";
import type { AttributeDefinition } from "@/components/contacts/contact-model";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { api, ApiRequestError } from "@/components/operator/api";

/**
 * The conversation's custom attributes (definitions with attribute_model conversation), each edited
 * inline by its type. Chatwoot's `POST /conversations/:id/custom_attributes` replaces the whole set,
 * so a save sends every value with the one changed — and a cleared value is the set without its key.
 */
export function ConversationAttributes(props: { accountId: number; conversationId: number; values: Record<string, unknown>; definitions: AttributeDefinition[] }) {
  const t = useTranslations("conversation.contact");
  const tEdit = useTranslations("contacts.edit");
  const apiText = useApiErrorText();
  // What the last save answered, until the stream's conversation.updated brings the same values.
  const base = `${props.conversationId}:${JSON.stringify(props.values)}`;
  const [saved, setSaved] = useState<{ base: string; values: Record<string, unknown> } | null>(null);
  const values = saved && saved.base === base ? saved.values : props.values;
  const defined = new Set(props.definitions.map((d) => d.attribute_key));
  const loose = Object.entries(values).filter(([k]) => !defined.has(k));

  const save = async (key: string, value: unknown): Promise<SaveProblem | null> => {
    const next = { ...values };
    if (value === null || value === undefined) delete next[key];
    else next[key] = value;
    try {
      const res = await api<{ custom_attributes: Record<string, unknown> }>(props.accountId, `/conversations/${props.conversationId}/custom_attributes`, {
        method: "POST",
        json: { custom_attributes: next },
      });
      setSaved({ base, values: res.custom_attributes });
      return null;
    } catch (err) {
      if (!(err instanceof ApiRequestError)) return { message: tEdit("failed"), takenBy: null };
      const own = err.fields[`custom_attributes.${key}`] ?? err.fields.custom_attributes;
      return { message: own?.length ? own.map(apiText).join("; ") : apiText(err.message), takenBy: null };
    }
  };

  if (props.definitions.length === 0 && loose.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">{t("noAttributes")}</p>;
  return (
    <dl data-testid="conversation-attributes">
      {props.definitions.map((d) => (
        <AttributeField key={d.id} definition={d} value={values[d.attribute_key]} accountId={props.accountId} canEdit onSave={(v) => save(d.attribute_key, v)} />
      ))}
      {loose.map(([k, v]) => (
        <div key={k} className="py-1.5">
          <dt className="text-xs text-slate-500 dark:text-slate-400">{k}</dt>
          <dd className="text-sm break-words text-slate-800 dark:text-slate-200">{typeof v === "object" ? JSON.stringify(v) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
