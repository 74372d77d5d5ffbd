"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { api, ApiRequestError } from "@/components/operator/api";
import { useOperator } from "@/components/operator/operator-context";
import { MenuButton, MenuItem } from "./menu-button";

type Macro = { id: number; name: string; visibility: "personal" | "global" };

/**
 * The conversation's macros menu (MA2): the account's global macros and the agent's own, read when
 * the menu opens; choosing one runs it on this conversation. The pane shows the result through the
 * stream, like any other change; a refusal is said in the header.
 */
export function MacrosMenu({ displayId }: { displayId: number }) {
  const { accountId } = useOperator();
  const t = useTranslations("notify.macros");
  const [macros, setMacros] = useState<Macro[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const load = () => {
    api<{ payload: Macro[] }>(accountId, "/macros").then(
      (r) => setMacros(r.payload),
      () => setMacros([]),
    );
  };
  const run = async (m: Macro) => {
    setStatus(null);
    try {
      await api(accountId, `/macros/${m.id}/execute`, { method: "POST", json: { conversation_ids: [displayId] } });
      setStatus(t("ran", { name: m.name }));
    } catch (err) {
      setStatus(t("failed", { reason: err instanceof ApiRequestError ? err.message : String(err) }));
    }
  };
  return (
    <div className="flex items-center gap-2" onPointerDownCapture={() => macros === null && load()} onKeyDownCapture={() => macros === null && load()}>
      <MenuButton label={t("button")} align="left" button={<span>{t("button")}</span>}>
        {(close) => (
          <>
            {macros === null || macros.length === 0 ? (
              <p className="px-2.5 py-1.5 text-sm text-slate-500">{t("none")}</p>
            ) : (
              macros.map((m) => (
                <MenuItem
                  key={m.id}
                  onSelect={() => {
                    close();
                    void run(m);
                  }}
                >
                  {m.name}
                </MenuItem>
              ))
            )}
            <a href={`/app/accounts/${accountId}/macros`} data-menu-item="" tabIndex={-1} className="mt-1 block border-t border-slate-100 px-2.5 py-1.5 text-xs text-brand-600 hover:underline">
              {t("manage")}
            </a>
          </>
        )}
      </MenuButton>
      <span role="status" className="text-xs text-slate-500">
        {status}
      </span>
    </div>
  );
}
