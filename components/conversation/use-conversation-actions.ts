"use client";

import { useTranslations } from "next-intl";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { useCallback, useState } from "react";
import { api } from "@/components/operator/api";
import { useOperator, type OperatorAgent } from "@/components/operator/operator-context";
import type { Priority } from "./conversation-view";
import { snoozeUntil, type SnoozePreset } from "./snooze-presets";

type Json = Record<string, unknown>;

/**
 * The header's actions. Each one shows its result at once (in the pane and, through
 * patchConversation, in the list), then asks the API; if the API refuses (a 409 when a colleague
 * holds the conversation, a 422 …) the previous state comes back and the reason is shown.
 */
export function useConversationActions({ displayId, raw, apply }: { displayId: number; raw: Json | null; apply: (patch: Json) => void }) {
  const { accountId, patchConversation } = useOperator();
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations("conversation.actions");
  const apiText = useApiErrorText();
  const [busy, setBusy] = useState(false);

  const run = useCallback(
    async (patch: Json, request: () => Promise<unknown>, failure: string) => {
      if (!raw) return;
      const previous = Object.fromEntries(Object.keys(patch).map((k) => [k, raw[k]]));
      // AppConversation leaves meta.assignee out when unassigned; the list needs it said.
      if (previous.meta && typeof previous.meta === "object") previous.meta = { assignee: null, ...(previous.meta as Json) };
      setError(null);
      setBusy(true);
      apply(patch);
      patchConversation(displayId, patch);
      try {
        await request();
      } catch (e) {
        apply(previous);
        patchConversation(displayId, previous);
        setError(t("failed", { action: failure, reason: e instanceof Error ? apiText(e.message) : t("refused") }));
      } finally {
        setBusy(false);
      }
    },
    [apply, displayId, patchConversation, raw, t, apiText],
  );

  const path = `/conversations/${displayId}`;

  const setStatus = useCallback(
    (status: "open" | "resolved") => run({ status, snoozed_until: null }, () => api(accountId, `${path}/toggle_status`, { json: { status } }), status === "resolved" ? t("resolve") : t("reopen")),
    [accountId, path, run, t],
  );

  const snooze = useCallback(
    (preset: SnoozePreset) => {
      const until = snoozeUntil(preset, new Date());
      return run(
        { status: "snoozed", snoozed_until: until === null ? null : new Date(until * 1000).toISOString() },
        () => api(accountId, `${path}/toggle_status`, { json: until === null ? { status: "snoozed" } : { status: "snoozed", snoozed_until: until } }),
        t("snooze"),
      );
    },
    [accountId, path, run, t],
  );

  const setPriority = useCallback((priority: Priority) => run({ priority }, () => api(accountId, `${path}/toggle_priority`, { json: { priority } }), t("priority")), [accountId, path, run, t]);

  const assign = useCallback(
    (agent: OperatorAgent | null) => {
      const meta = { ...((raw?.meta as Json) ?? {}) };
      if (agent) {
        meta.assignee = { id: agent.id, name: agent.name, available_name: agent.name, availability_status: agent.availability, thumbnail: "", type: "user" };
        meta.assignee_type = "User";
      } else {
        meta.assignee = null;
        delete meta.assignee_type;
      }
      return run({ meta }, () => api(accountId, `${path}/assignments`, { json: { assignee_id: agent?.id ?? null } }), agent ? t("assign", { name: agent.name }) : t("unassign"));
    },
    [accountId, path, raw, run, t],
  );

  const setLabels = useCallback((labels: string[]) => run({ labels }, () => api(accountId, `${path}/labels`, { json: { labels } }), t("labels")), [accountId, path, run, t]);

  const setTeam = useCallback(
    (team: { id: number; name: string } | null) => {
      const meta = { ...((raw?.meta as Json) ?? {}), team };
      return run({ meta }, () => api(accountId, `${path}/assignments`, { json: { team_id: team?.id ?? null } }), t("team"));
    },
    [accountId, path, raw, run, t],
  );

  return { error, dismissError: () => setError(null), busy, setStatus, snooze, setPriority, assign, setLabels, setTeam };
}
