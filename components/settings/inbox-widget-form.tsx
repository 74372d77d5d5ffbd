"use client";

import { useActionState, useId, useState } from "react";
import { idleState, type FormState } from "@/lib/settings/form-state";
import { buttonClass, Checkbox, errorFor, Field, FormStatus, inputClass, Section } from "./form-parts";
import { WidgetPreview } from "./widget-preview";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
export type PreChatFieldRow = { name: string; label: string; enabled: boolean; required: boolean };

const FLAGS = [
  { value: "attachments", label: "Attachments" },
  { value: "emoji_picker", label: "Emoji picker" },
  { value: "end_conversation", label: "End conversation" },
];

/**
 * The inbox's widget settings in one form: appearance (with a live preview), greeting, features,
 * pre-chat form, behaviour and identity. Input names are the API body's paths (lib/settings/form-object).
 */
export function InboxWidgetForm({ action, initial, flags, preChatFields }: { action: Action; initial: Record<string, string>; flags: string[]; preChatFields: PreChatFieldRow[] }) {
  const [state, formAction, pending] = useActionState(action, idleState());
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
    const props = { id, name, defaultValue: v(name), placeholder: opts.placeholder, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined, className: inputClass };
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
      <Section title="Widget appearance" description="How the chat looks on your website. The preview follows as you type.">
        <div className="grid gap-6 lg:grid-cols-[1fr_auto]">
          <div className="space-y-3">
            {text("name", "Inbox name")}
            {text("channel.website_url", "Website URL", { placeholder: "https://www.example.com" })}
            <Field id={colourId} label="Widget colour" error={colourError}>
              <div className="flex items-center gap-2">
                <input type="color" aria-label="Pick widget colour" value={/^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#1f93ff"} onChange={(e) => setColour(e.target.value)} className="h-8 w-10 cursor-pointer rounded border border-slate-300 bg-white p-0.5" />
                <input id={colourId} name="channel.widget_color" value={colour} onChange={(e) => setColour(e.target.value)} aria-invalid={colourError ? true : undefined} aria-describedby={colourError ? `${colourId}-error` : undefined} className={`${inputClass.replace("w-full", "")} w-32 font-mono`} />
              </div>
            </Field>
            {text("channel.welcome_title", "Welcome heading", { onChange: setTitle, placeholder: "Hi there 👋" })}
            {text("channel.welcome_tagline", "Welcome tagline", { onChange: setTagline, placeholder: "We make it simple to connect with us." })}
            <Field id={`${uid}-reply`} label="Reply time">
              <select id={`${uid}-reply`} name="channel.reply_time" defaultValue={v("channel.reply_time")} onChange={(e) => setReplyTime(e.target.value)} className={inputClass}>
                <option value="in_a_few_minutes">In a few minutes</option>
                <option value="in_a_few_hours">In a few hours</option>
                <option value="in_a_day">In a day</option>
              </select>
            </Field>
          </div>
          <WidgetPreview colour={colour} title={title} tagline={tagline} greeting={greetingOn && greeting ? greeting : null} replyTime={replyTime} />
        </div>
      </Section>

      <Section title="Greeting" description="Sent automatically when a visitor starts a conversation.">
        <div className="space-y-3">
          <div className="flex items-start gap-2">
            <input type="hidden" name="greeting_enabled" value="false" />
            <input id={`${uid}-greeting-on`} type="checkbox" name="greeting_enabled" value="true" defaultChecked={checked("greeting_enabled")} onChange={(e) => setGreetingOn(e.target.checked)} className="mt-0.5 h-4 w-4" />
            <label htmlFor={`${uid}-greeting-on`} className="text-sm text-slate-800">
              Send a greeting message
            </label>
          </div>
          {text("greeting_message", "Greeting message", { textarea: true, onChange: setGreeting })}
        </div>
      </Section>

      <Section title="Features and behaviour">
        <div className="grid gap-x-8 gap-y-2 sm:grid-cols-2">
          <input type="hidden" name="channel.selected_feature_flags" value="" />
          {FLAGS.map((f) => (
            <div key={f.value} className="flex items-center gap-2">
              <input id={`${uid}-flag-${f.value}`} type="checkbox" name="channel.selected_feature_flags" value={f.value} defaultChecked={flagSet.has(f.value)} className="h-4 w-4" />
              <label htmlFor={`${uid}-flag-${f.value}`} className="text-sm text-slate-800">
                {f.label}
              </label>
            </div>
          ))}
          {box("enable_email_collect", "Ask for an email address", "When no agent replies quickly")}
          {box("lock_to_single_conversation", "Lock to a single conversation", "Visitors keep one conversation")}
          {box("allow_messages_after_resolved", "Allow messages after a conversation is resolved")}
        </div>
      </Section>

      <Section title="Pre-chat form" description="Ask visitors who they are before the conversation starts.">
        <div className="space-y-3">
          {box("channel.pre_chat_form_enabled", "Show the pre-chat form")}
          {text("channel.pre_chat_form_options.pre_chat_message", "Message above the form")}
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th className="py-1 font-medium">Field</th>
                <th className="py-1 font-medium">Shown</th>
                <th className="py-1 font-medium">Required</th>
              </tr>
            </thead>
            <tbody>
              {preChatFields.map((f, i) => {
                const base = `channel.pre_chat_form_options.pre_chat_fields.${i}`;
                return (
                  <tr key={f.name} className="border-t border-slate-100">
                    <td className="py-1.5">
                      <input type="hidden" name={`${base}.name`} value={f.name} />
                      {f.label}
                    </td>
                    <td>
                      <input type="hidden" name={`${base}.enabled`} value="false" />
                      <input type="checkbox" aria-label={`Show ${f.label}`} name={`${base}.enabled`} value="true" defaultChecked={v(`${base}.enabled`) ? checked(`${base}.enabled`) : f.enabled} className="h-4 w-4" />
                    </td>
                    <td>
                      <input type="hidden" name={`${base}.required`} value="false" />
                      <input type="checkbox" aria-label={`Require ${f.label}`} name={`${base}.required`} value="true" defaultChecked={v(`${base}.required`) ? checked(`${base}.required`) : f.required} className="h-4 w-4" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>

      <Section title="Security" description="Where the widget may be embedded, and whether visitors' identities must be verified.">
        <div className="space-y-3">
          {text("channel.allowed_domains", "Allowed domains", { hint: "Comma-separated, e.g. example.com, *.example.com. Empty allows any site." })}
          {box("channel.hmac_mandatory", "Require identity verification (HMAC)", "Unverified Parley.setUser calls are refused")}
        </div>
      </Section>

      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass()}>
          {pending ? "Saving…" : "Save widget settings"}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
