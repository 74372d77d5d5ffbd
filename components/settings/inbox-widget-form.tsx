"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { idleState, type FormState } from "@/lib/settings/form-state";
import { buttonClass, Checkbox, errorFor, Field, FormStatus, inputClass, Section } from "./form-parts";
import { WidgetPreview } from "./widget-preview";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
export type PreChatFieldRow = { name: string; label: string; enabled: boolean; required: boolean };

const FLAGS = [
  { value: "attachments", label: "flagAttachments" },
  { value: "emoji_picker", label: "flagEmoji" },
  { value: "end_conversation", label: "flagEnd" },
] as const;

/**
 * The inbox's widget settings in one form: appearance (with a live preview), greeting, features,
 * pre-chat form, behaviour and identity. Input names are the API body's paths (lib/settings/form-object).
 */
export function InboxWidgetForm({ action, initial, flags, preChatFields }: { action: Action; initial: Record<string, string>; flags: string[]; preChatFields: PreChatFieldRow[] }) {
  const [state, formAction, pending] = useActionState(action, idleState());
  const t = useTranslations("settings.widget");
  const tf = useTranslations("settings.form");
  const uid = useId();
  const v = (name: string) => state.values[name] ?? initial[name] ?? "";
  const checked = (name: string) => v(name) === "true";
  const [colour, setColour] = useState(v("channel.widget_color"));
  const [title, setTitle] = useState(v("channel.welcome_title"));
  const [tagline, setTagline] = useState(v("channel.welcome_tagline"));
  const [greeting, setGreeting] = useState(v("greeting_message"));
  const [greetingOn, setGreetingOn] = useState(checked("greeting_enabled"));
  const [replyTime, setReplyTime] = useState(v("channel.reply_time"));
  const typedFlags = state.values["channel.selected_feature_flags[]"];
  const flagSet = new Set(typedFlags === undefined ? flags : typedFlags.split(",").filter(Boolean));

  const text = (name: string, label: string, opts: { hint?: string; placeholder?: string; onChange?: (s: string) => void; textarea?: boolean } = {}) => {
    const id = `${uid}-${name}`;
    const error = errorFor(state, name);
    const props = {
      id,
      name,
      defaultValue: v(name),
      placeholder: opts.placeholder,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": error ? `${id}-error` : undefined,
      className: inputClass,
    };
    return (
      <Field id={id} label={label} hint={opts.hint} error={error}>
        {opts.textarea ? <textarea {...props} rows={2} onChange={(e) => opts.onChange?.(e.target.value)} /> : <input {...props} onChange={(e) => opts.onChange?.(e.target.value)} />}
      </Field>
    );
  };
  const box = (name: string, label: string, hint?: string) => <Checkbox id={`${uid}-${name}`} name={name} label={label} hint={hint} defaultChecked={checked(name)} />;
  const colourId = `${uid}-colour`;
  const colourError = errorFor(state, "channel.widget_color");

  return (
    <form action={formAction} className="space-y-5">
      <Section title={t("appearance")} description={t("appearanceDescription")}>
        <div className="grid gap-6 lg:grid-cols-[1fr_auto]">
          <div className="space-y-3">
            {text("name", t("inboxName"))}
            {text("channel.website_url", t("websiteUrl"), { placeholder: "https://www.example.com" })}
            <Field id={colourId} label={t("colour")} error={colourError}>
              <div className="flex items-center gap-2">
                <input
                  type="color"
                  aria-label={t("pickColour")}
                  value={/^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#1f93ff"}
                  onChange={(e) => setColour(e.target.value)}
                  className="h-8 w-10 cursor-pointer rounded border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 p-0.5"
                />
                <input
                  id={colourId}
                  name="channel.widget_color"
                  value={colour}
                  onChange={(e) => setColour(e.target.value)}
                  aria-invalid={colourError ? true : undefined}
                  aria-describedby={colourError ? `${colourId}-error` : undefined}
                  className={`${inputClass.replace("w-full", "")} w-32 font-mono`}
                />
              </div>
            </Field>
            {text("channel.welcome_title", t("welcomeTitle"), { onChange: setTitle, placeholder: t("welcomeTitlePlaceholder") })}
            {text("channel.welcome_tagline", t("welcomeTagline"), { onChange: setTagline, placeholder: t("welcomeTaglinePlaceholder") })}
            <Field id={`${uid}-reply`} label={t("replyTime")}>
              <select id={`${uid}-reply`} name="channel.reply_time" defaultValue={v("channel.reply_time")} onChange={(e) => setReplyTime(e.target.value)} className={inputClass}>
                <option value="in_a_few_minutes">{t("inMinutes")}</option>
                <option value="in_a_few_hours">{t("inHours")}</option>
                <option value="in_a_day">{t("inDay")}</option>
              </select>
            </Field>
          </div>
          <WidgetPreview colour={colour} title={title} tagline={tagline} greeting={greetingOn && greeting ? greeting : null} replyTime={replyTime} />
        </div>
      </Section>

      <Section title={t("greeting")} description={t("greetingDescription")}>
        <div className="space-y-3">
          <div className="flex items-start gap-2">
            <input type="hidden" name="greeting_enabled" value="false" />
            <input
              id={`${uid}-greeting-on`}
              type="checkbox"
              name="greeting_enabled"
              value="true"
              defaultChecked={checked("greeting_enabled")}
              onChange={(e) => setGreetingOn(e.target.checked)}
              className="mt-0.5 h-4 w-4"
            />
            <label htmlFor={`${uid}-greeting-on`} className="text-sm text-slate-800 dark:text-slate-200">
              {t("sendGreeting")}
            </label>
          </div>
          {text("greeting_message", t("greetingMessage"), { textarea: true, onChange: setGreeting })}
        </div>
      </Section>

      <Section title={t("features")}>
        <div className="grid gap-x-8 gap-y-2 sm:grid-cols-2">
          <input type="hidden" name="channel.selected_feature_flags" value="" />
          {FLAGS.map((f) => (
            <div key={f.value} className="flex items-center gap-2">
              <input id={`${uid}-flag-${f.value}`} type="checkbox" name="channel.selected_feature_flags" value={f.value} defaultChecked={flagSet.has(f.value)} className="h-4 w-4" />
              <label htmlFor={`${uid}-flag-${f.value}`} className="text-sm text-slate-800 dark:text-slate-200">
                {t(f.label)}
              </label>
            </div>
          ))}
          {box("enable_email_collect", t("emailCollect"), t("emailCollectHint"))}
          {box("lock_to_single_conversation", t("lockSingle"), t("lockSingleHint"))}
          {box("allow_messages_after_resolved", t("afterResolved"))}
        </div>
      </Section>

      <Section title={t("preChat")} description={t("preChatDescription")}>
        <div className="space-y-3">
          {box("channel.pre_chat_form_enabled", t("showPreChat"))}
          {text("channel.pre_chat_form_options.pre_chat_message", t("preChatMessage"))}
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-500 dark:text-slate-400">
                <th className="py-1 font-medium">{t("field")}</th>
                <th className="py-1 font-medium">{t("shown")}</th>
                <th className="py-1 font-medium">{t("required")}</th>
              </tr>
            </thead>
            <tbody>
              {preChatFields.map((f, i) => {
                const base = `channel.pre_chat_form_options.pre_chat_fields.${i}`;
                return (
                  <tr key={f.name} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="py-1.5">
                      <input type="hidden" name={`${base}.name`} value={f.name} />
                      {f.label}
                    </td>
                    <td>
                      <input type="hidden" name={`${base}.enabled`} value="false" />
                      <input
                        type="checkbox"
                        aria-label={t("showField", { label: f.label })}
                        name={`${base}.enabled`}
                        value="true"
                        defaultChecked={v(`${base}.enabled`) ? checked(`${base}.enabled`) : f.enabled}
                        className="h-4 w-4"
                      />
                    </td>
                    <td>
                      <input type="hidden" name={`${base}.required`} value="false" />
                      <input
                        type="checkbox"
                        aria-label={t("requireField", { label: f.label })}
                        name={`${base}.required`}
                        value="true"
                        defaultChecked={v(`${base}.required`) ? checked(`${base}.required`) : f.required}
                        className="h-4 w-4"
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>

      <Section title={t("security")} description={t("securityDescription")}>
        <div className="space-y-3">
          {text("channel.allowed_domains", t("allowedDomains"), { hint: t("allowedDomainsHint") })}
          {box("channel.hmac_mandatory", t("hmacMandatory"), t("hmacMandatoryHint"))}
        </div>
      </Section>

      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass()}>
          {pending ? tf("saving") : t("save")}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
