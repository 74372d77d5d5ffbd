"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Availability } from "./operator-context";

export const AVAILABILITY_DOT: Record<Availability, string> = { online: "bg-emerald-400", busy: "bg-amber-400", offline: "bg-slate-400" };

/**
 * The agent's own availability (SPEC U1, P2): the choice in the select, and as the dot the state
 * colleagues see (the effective one). A failed change says so and keeps the state as it is.
 */
export function AvailabilitySwitch(props: { value: Availability; shown: Availability; onChange(a: Availability): Promise<void> }) {
  const t = useTranslations("operator.availability");
  const ta = useTranslations("availability");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <label className="flex items-center gap-2 text-xs text-slate-300">
        <span className={`h-2.5 w-2.5 rounded-full ${AVAILABILITY_DOT[props.shown]}`} title={t("seenAs", { state: ta(props.shown) })} />
        <span>{t("label")}</span>
        <select
          aria-label={t("label")}
          value={props.value}
          disabled={busy}
          onChange={(e) => {
            setBusy(true);
            setError(null);
            props
              .onChange(e.target.value as Availability)
              .catch((err: unknown) => setError(err instanceof Error ? err.message : t("notChangedShort")))
              .finally(() => setBusy(false));
          }}
          className="ml-auto rounded border border-white/15 bg-slate-800 px-1.5 py-0.5 text-xs text-white"
        >
          <option value="online">{ta("online")}</option>
          <option value="busy">{ta("busy")}</option>
          <option value="offline">{ta("offline")}</option>
        </select>
      </label>
      {error && (
        <p role="alert" className="mt-1 text-xs text-rose-300">
          {error}
        </p>
      )}
    </div>
  );
}
