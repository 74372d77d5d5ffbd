import type { ReactNode } from "react";
import type { FormState } from "@/lib/settings/form-state";

export const inputClass =
  "block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2.5 py-1.5 text-sm text-slate-900 dark:text-slate-100 shadow-xs placeholder:text-slate-400 dark:placeholder:text-slate-500 focus:border-brand-500 focus:ring-2 focus:ring-brand-500/20 focus:outline-none aria-invalid:border-red-400 aria-invalid:ring-red-100";

export const buttonClass = (kind: "primary" | "secondary" | "danger" = "primary") =>
  `inline-flex items-center justify-center rounded-md px-3 py-1.5 text-sm font-medium shadow-xs disabled:opacity-60 ${
    kind === "primary"
      ? "bg-brand-600 text-white hover:bg-brand-700"
      : kind === "danger"
        ? "border border-red-200 dark:border-red-500/30 bg-white dark:bg-slate-900 text-red-700 dark:text-red-300 hover:bg-red-50 dark:hover:bg-red-500/10"
        : "border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 text-slate-700 dark:text-slate-300 hover:bg-slate-50 dark:hover:bg-slate-800"
  }`;

/** The messages of one field, joined as a sentence after its name ("Timezone is not a valid …"). */
export function errorFor(state: FormState, name: string): string | undefined {
  const messages = state.errors[name];
  return messages?.length ? messages.join(", ") : undefined;
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-600 dark:text-red-300">
      {message}
    </p>
  );
}

/** A labelled field with its error under it; the control gets `aria-describedby` through `errorId`. */
export function Field({ id, label, hint, error, hideLabel, children }: { id: string; label: string; hint?: string; error?: string; hideLabel?: boolean; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300"}>
        {label}
      </label>
      {children}
      {hint && !error && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A checkbox whose unchecked state is posted too (a hidden "false" before it; the last value wins). */
export function Checkbox({ id, name, label, defaultChecked, hint }: { id: string; name: string; label: string; defaultChecked: boolean; hint?: string }) {
  return (
    <div className="flex items-start gap-2">
      <input type="hidden" name={name} value="false" />
      <input id={id} type="checkbox" name={name} value="true" defaultChecked={defaultChecked} className="mt-0.5 h-4 w-4 rounded border-slate-300 dark:border-slate-600 text-brand-500" />
      <div>
        <label htmlFor={id} className="text-sm text-slate-800 dark:text-slate-200">
          {label}
        </label>
        {hint && <p className="text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
      </div>
    </div>
  );
}

export function FormStatus({ state }: { state: FormState }) {
  if (state.status === "idle" || !state.message) return null;
  const error = state.status === "error";
  const base = state.errors.base?.join(", ");
  return (
    <p role={error ? "alert" : "status"} className={`text-sm ${error ? "text-red-700 dark:text-red-300" : "text-emerald-700 dark:text-emerald-300"}`}>
      {base ?? state.message}
    </p>
  );
}

export function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
      <header className="border-b border-slate-100 dark:border-slate-800 px-5 py-3">
        <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
        {description && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{description}</p>}
      </header>
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}

export function PageHeader({ title, description, children }: { title: string; description?: string; children?: ReactNode }) {
  return (
    <div className="mb-5 flex items-start justify-between gap-4">
      <div>
        <h1 className="text-lg font-semibold text-slate-900 dark:text-slate-100">{title}</h1>
        {description && <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">{description}</p>}
      </div>
      {children}
    </div>
  );
}
