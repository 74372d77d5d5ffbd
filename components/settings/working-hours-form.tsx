"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { idleState, type FormState } from "@/lib/settings/form-state";
import { buttonClass, Checkbox, errorFor, Field, FieldError, FormStatus, inputClass } from "./form-parts";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
// 2023-01-01 was a Sunday: day d of the week is that date plus d days, named by Intl in the viewer's language.
const dayName = (day: number, locale: string) => {
  const name = new Date(Date.UTC(2023, 0, 1 + day, 12)).toLocaleDateString(locale, { weekday: "long", timeZone: "UTC" });
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
};
const ORDER = [1, 2, 3, 4, 5, 6, 0];
const narrow = inputClass.replace("w-full", "");

/** Business hours per weekday in the inbox's time zone, and the message shown outside them. */
export function WorkingHoursForm({ action, initial, timeZones }: { action: Action; initial: Record<string, string>; timeZones: string[] }) {
  const [state, formAction, pending] = useActionState(action, idleState());
  const t = useTranslations("settings.hours");
  const tf = useTranslations("settings.form");
  const locale = useLocale();
  const DAYS = [0, 1, 2, 3, 4, 5, 6].map((d) => dayName(d, locale));
  const uid = useId();
  const v = (name: string) => state.values[name] ?? initial[name] ?? "";
  const tzError = errorFor(state, "timezone");
  const oooError = errorFor(state, "out_of_office_message");
  return (
    <form action={formAction} className="space-y-4">
      <Checkbox id={`${uid}-enabled`} name="working_hours_enabled" label={t("enable")} hint={t("enableHint")} defaultChecked={v("working_hours_enabled") === "true"} />
      <Field id={`${uid}-tz`} label={t("timeZone")} error={tzError} hint={t("timeZoneHint")}>
        <input
          id={`${uid}-tz`}
          name="timezone"
          list={`${uid}-zones`}
          defaultValue={v("timezone")}
          aria-invalid={tzError ? true : undefined}
          aria-describedby={tzError ? `${uid}-tz-error` : undefined}
          className={`${narrow} w-72`}
        />
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
              <tr key={day} className="border-t border-slate-100 dark:border-slate-800 align-top">
                <th scope="row" className="w-28 py-2 text-left font-medium text-slate-700 dark:text-slate-300">
                  {DAYS[day]}
                </th>
                <td className="py-1.5">
                  <select aria-label={t("dayHours", { day: DAYS[day]! })} name={`${base}.mode`} defaultValue={v(`${base}.mode`)} className={`${narrow} w-40`}>
                    <option value="hours">{t("open")}</option>
                    <option value="open_all_day">{t("openAllDay")}</option>
                    <option value="closed">{t("closed")}</option>
                  </select>
                </td>
                <td className="py-1.5">
                  <div className="flex items-center gap-2">
                    <input type="time" aria-label={t("opens", { day: DAYS[day]! })} name={`${base}.open`} defaultValue={v(`${base}.open`)} className={`${narrow} w-32`} />
                    <span className="text-slate-500 dark:text-slate-400">–</span>
                    <input
                      type="time"
                      aria-label={t("closes", { day: DAYS[day]! })}
                      name={`${base}.close`}
                      defaultValue={v(`${base}.close`)}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errId : undefined}
                      className={`${narrow} w-32`}
                    />
                  </div>
                  <FieldError id={errId} message={error && t("closingError", { error })} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Field id={`${uid}-ooo`} label={t("outOfOffice")} error={oooError}>
        <textarea id={`${uid}-ooo`} name="out_of_office_message" rows={2} defaultValue={v("out_of_office_message")} className={inputClass} />
      </Field>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass()}>
          {pending ? tf("saving") : t("save")}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
