import type { PastConversation, WidgetConfig, WidgetMessage } from "./api";
import { h } from "./dom";
import { initials, shortTime } from "./format";
import { w } from "./words";

export type Member = { id: number; name: string; availability_status: string };

const REPLY_TIME: Record<string, string> = { in_a_few_minutes: "replyMinutes", in_a_few_hours: "replyHours", in_a_day: "replyDay" };

/** "Typically replies in …" from the inbox's reply-time setting; empty for an unknown setting. */
export const replyTimeWords = (c: WidgetConfig["website_channel_config"]) => (REPLY_TIME[c.reply_time] ? w(REPLY_TIME[c.reply_time]!) : "");

export type HomeState = {
  config: WidgetConfig;
  members: Member[];
  conversations: PastConversation[];
  /** Whether the visitor has a conversation that still takes messages: the button continues it. */
  continues: boolean;
  /** The pre-chat form asks first: no button then. */
  needsForm: boolean;
};

/**
 * W9: the home card — the team and their availability, the reply time, the visitor's conversations
 * (last message, its time, status and unread replies; each opens on click or Enter), and a way in.
 */
export function createHome(on: { onStart(): void; onOpen(c: PastConversation): void }) {
  const teamHeading = h("h2", {});
  const team = h("ul", { className: "pw-team" });
  const teamWords = h("p", { className: "pw-reply-time" });
  const start = h("button", { type: "button", className: "pw-send pw-start", onclick: () => on.onStart() });
  const historyHeading = h("h2", { id: "pw-history-heading" });
  const history = h("ul", { className: "pw-history", "aria-labelledby": "pw-history-heading" });
  const historyCard = h("div", { className: "pw-card", hidden: true }, historyHeading, history);
  const el = h("section", { className: "pw-home", hidden: true }, h("div", { className: "pw-card" }, teamHeading, team, teamWords, start), historyCard);
  let shown = "";

  return {
    el,
    start,
    /** The first conversation's button, else the way in (where focus goes when the visitor comes back home). */
    focus: () => ((history.querySelector("button") as HTMLButtonElement | null) ?? start).focus(),
    render({ config, members, conversations, continues, needsForm }: HomeState) {
      const c = config.website_channel_config;
      teamHeading.textContent = w("teamAvailable");
      teamWords.textContent = c.is_open ? replyTimeWords(c) : w("away");
      start.textContent = w(continues ? "continueConversation" : "startNewConversation");
      start.hidden = needsForm;
      team.replaceChildren(
        ...members.slice(0, 5).map((m) => {
          const label = w(m.availability_status === "online" ? "agentOnline" : "agentOffline", { name: m.name });
          return h("li", { title: label }, h("span", { className: `pw-avatar pw-${m.availability_status}`, "aria-hidden": "true" }, initials(m.name)), h("span", { className: "pw-sr" }, label));
        }),
      );
      // Newest first; rebuilt only when what it shows changed, so a focused item keeps focus.
      const listed = conversations
        .filter((x) => x.messages.length > 0)
        .sort((a, b) => lastAt(b) - lastAt(a))
        .slice(0, 5);
      const sig = JSON.stringify(listed.map((x) => [x.id, x.status, x.contact_last_seen_at, x.messages.length, lastAt(x)]));
      if (sig === shown) return;
      shown = sig;
      historyHeading.textContent = w("yourConversations");
      historyCard.hidden = listed.length === 0;
      history.replaceChildren(...listed.map((x) => conversationItem(x, () => on.onOpen(x))));
    },
  };
}

const lastAt = (c: PastConversation) => c.messages[c.messages.length - 1]?.created_at ?? 0;

function conversationItem(c: PastConversation, open: () => void): HTMLLIElement {
  const last = c.messages[c.messages.length - 1] as WidgetMessage;
  const unread = c.messages.filter((m) => m.message_type === 1 && m.created_at > c.contact_last_seen_at).length;
  const who = last.message_type === 0 ? w("you") : last.sender?.available_name || last.sender?.name || w("agent");
  const text = (last.content ?? "").replace(/\s+/g, " ").trim() || w("attachment");
  const agent = [...c.messages].reverse().find((m) => m.message_type === 1 && m.sender);
  const name = agent?.sender?.available_name || agent?.sender?.name || w("agent");
  return h(
    "li",
    {},
    h(
      "button",
      { type: "button", className: "pw-conv", onclick: open },
      h("span", { className: `pw-avatar${agent?.sender?.type === "agent_bot" ? " pw-bot" : ""}`, "aria-hidden": "true" }, initials(name)),
      h("span", { className: "pw-conv-body" }, h("span", { className: "pw-conv-text" }, h("strong", {}, `${who}: `), text), h("time", {}, shortTime(last.created_at))),
      h(
        "span",
        { className: "pw-conv-meta" },
        h("span", { className: `pw-conv-status${c.status === "resolved" ? " pw-done" : ""}` }, w(c.status === "resolved" ? "statusResolved" : "statusOpen")),
        unread ? h("span", { className: "pw-unread" }, h("span", { "aria-hidden": "true" }, String(unread)), h("span", { className: "pw-sr" }, w("unread", { n: unread }))) : null,
      ),
    ),
  );
}
