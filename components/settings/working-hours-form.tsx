"use client";

import { useActionState, useId } from "react";
import { idleState, type FormState } from "@/lib/settings/form-state";
import { buttonClass, Checkbox, errorFor, Field, FieldError, FormStatus, inputClass } from "./form-parts";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ORDER = [1, 2, 3, 4, 5, 6, 0];
const narrow = inputClass.replace("w-full", "");

/** Business hours per weekday in the inbox's time zone, and the message shown outside them. */
export function WorkingHoursForm({ action, initial, timeZones }: { action: Action; initial: Record<string, string>; timeZones: string[] }) {
  const [state, formAction, pending] = useActionState(action, idleState());
  const uid = useId();
  const v = (name: string) => state.values[name] ?? initial[name] ?? "";
  const tzError = errorFor(state, "timezone");
  const oooError = errorFor(state, "out_of_office_message");
  return (
    <form action={formAction} className="space-y-4">
      <Checkbox id={`${uid}-enabled`} name="working_hours_enabled" label="Enable business hours" hint="Outside them the widget shows the out-of-office message" defaultChecked={v("working_hours_enabled") === "true"} />
      <Field id={`${uid}-tz`} label="Time zone" error={tzError} hint="An IANA time zone, e.g. Europe/Berlin">
        <input id={`${uid}-tz`} name="timezone" list={`${uid}-zones`} defaultValue={v("timezone")} aria-invalid={tzError ? true : undefined} aria-describedby={tzError ? `${uid}-tz-error` : undefined} className={`${narrow} w-72`} />
        <datalist id={`${uid}-zones`}>
          {timeZones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </Field>
      <table className="w-full text-sm">
        <tbody>
          {ORDER.map((day) => {
            const base = `working_hours.${day}`;
            const error = errorFor(state, `${base}.close_hour`) ?? errorFor(state, `${base}.open_hour`);
            const errId = `${uid}-${day}-error`;
            return (
              <tr key={day} className="border-t border-slate-100 align-top">
                <th scope="row" className="w-28 py-2 text-left font-medium text-slate-700">
                  {DAYS[day]}
                </th>
                <td className="py-1.5">
                  <select aria-label={`${DAYS[day]} hours`} name={`${base}.mode`} defaultValue={v(`${base}.mode`)} className={`${narrow} w-40`}>
                    <option value="hours">Open</option>
                    <option value="open_all_day">Open all day</option>
                    <option value="closed">Closed</option>
                  </select>
                </td>
                <td className="py-1.5">
                  <div className="flex items-center gap-2">
                    <input type="time" aria-label={`${DAYS[day]} opens`} name={`${base}.open`} defaultValue={v(`${base}.open`)} className={`${narrow} w-32`} />
                    <span className="text-slate-400">–</span>
                    <input type="time" aria-label={`${DAYS[day]} closes`} name={`${base}.close`} defaultValue={v(`${base}.close`)} aria-invalid={error ? true : undefined} aria-describedby={error ? errId : undefined} className={`${narrow} w-32`} />
                  </div>
                  <FieldError id={errId} message={error && `Closing time ${error}`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Field id={`${uid}-ooo`} label="Out-of-office message" error={oooError}>
        <textarea id={`${uid}-ooo`} name="out_of_office_message" rows={2} defaultValue={v("out_of_office_message")} className={inputClass} />
      </Field>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass()}>
          {pending ? "Saving…" : "Save business hours"}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
