"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { idleState, type FormState } from "@/lib/settings/form-state";
import { buttonClass, Checkbox, errorFor, Field, FormStatus, inputClass } from "./form-parts";

export type FieldSpec = {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "textarea" | "select" | "checkbox" | "color" | "number" | "hidden";
  defaultValue?: string;
  options?: { value: string; label: string }[];
  hint?: string;
  placeholder?: string;
  /** Grid columns the field spans (of 6). */
  span?: number;
};

// Whole class names, so Tailwind sees them.
const SPANS: Record<number, string> = { 2: "col-span-6 sm:col-span-2", 3: "col-span-6 sm:col-span-3", 4: "col-span-6 sm:col-span-4", 6: "col-span-6" };

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * A settings form described by data: each field shows its own error from the action's state, and
 * after an error every input shows what was typed (the action returns the submitted values, which
 * become the inputs' defaults when React resets the form).
 */
export function SimpleForm({
  action,
  fields,
  submitLabel,
  kind = "primary",
  confirm,
  compact,
  secretLabel,
}: {
  action: Action;
  fields: FieldSpec[];
  submitLabel: string;
  kind?: "primary" | "secondary" | "danger";
  confirm?: string;
  compact?: boolean;
  /** What a secret in the action's answer is called (default: the initial password). */
  secretLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleState());
  const t = useTranslations("settings.form");
  const uid = useId();
  const value = (f: FieldSpec) => state.values[f.name] ?? f.defaultValue ?? "";
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
      className={compact ? "flex flex-wrap items-start gap-2" : "space-y-3"}
      data-compact={compact ? "" : undefined}
    >
      <div className={compact ? "contents" : "grid grid-cols-6 gap-3"}>
        {fields.map((f) => {
          const id = `${uid}-${f.name}`;
          const error = errorFor(state, f.name);
          const common = { id, name: f.name, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined };
          if (f.type === "hidden") return <input key={f.name} type="hidden" name={f.name} value={value(f)} />;
          const span = compact ? "" : f.type === "checkbox" ? "col-span-6" : SPANS[f.span ?? 6];
          if (f.type === "checkbox") {
            return (
              <div key={f.name} className={span}>
                <Checkbox id={id} name={f.name} label={f.label} hint={f.hint} defaultChecked={value(f) === "true"} />
              </div>
            );
          }
          const control =
            f.type === "textarea" ? (
              <textarea {...common} defaultValue={value(f)} rows={3} placeholder={f.placeholder} className={inputClass} />
            ) : f.type === "select" ? (
              // Keyed by its value: React applies a select's defaultValue only when it mounts, and resets the
              // form after the action, so without a remount a saved choice would snap back to the first one.
              <select key={value(f)} {...common} defaultValue={value(f)} className={inputClass}>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input {...common} type={f.type === "color" ? "text" : (f.type ?? "text")} defaultValue={value(f)} placeholder={f.placeholder} className={inputClass} />
            );
          return (
            <div key={f.name} className={compact ? "min-w-36 flex-1" : span}>
              <Field id={id} label={f.label} hint={f.hint} error={error} hideLabel={compact}>
                {control}
              </Field>
            </div>
          );
        })}
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass(kind)}>
          {pending ? t("saving") : submitLabel}
        </button>
        <FormStatus state={state} />
      </div>
      {state.secret && (
        <p className="w-full rounded-md border border-amber-200 dark:border-amber-500/30 bg-amber-50 dark:bg-amber-500/10 px-3 py-2 text-sm text-amber-900 dark:text-amber-100">
          {secretLabel ?? t("initialPassword")} <code className="font-mono font-semibold">{state.secret}</code>
        </p>
      )}
    </form>
  );
}
