import type { PastConversation, WidgetConfig, WidgetMessage } from "./api";
import { attachmentList, pendingList, type FileLoader } from "./attachments";
import { h } from "./dom";
import { dayLabel, dayOf, initials, timeOf } from "./format";
import { createHome, replyTimeWords, type Member } from "./home";
import { interactiveContent } from "./interactive";
import { csatAnswer, csatForm, emailForm } from "./message-forms";
import { w } from "./words";

/** `files`: what a message being sent carries, until the server's copy (with its attachments) replaces it. */
export type Entry = { key: string; message: WidgetMessage; state: "sending" | "sent" | "failed"; echo?: string; retryable?: boolean; error?: string; files?: File[] };

type Handlers = {
  onSend(text: string, files: File[]): void;
  loadFile: FileLoader;
  onRetry(key: string): void;
  onTyping(): void;
  onPreChat(contact: Record<string, string>, text: string): Promise<void>;
  onEmail(messageId: number, email: string): Promise<unknown>;
  onCsat(messageId: number, rating: number, feedback: string): Promise<unknown>;
  onEnd(): Promise<void>;
  /** "Start a conversation" / "Continue the conversation" on the home card, and "Start a new conversation" after a resolved one. */
  onStart(): void;
  /** A conversation chosen on the home card. */
  onOpen(c: PastConversation): void;
  /** The header's way back to the home card. */
  onHome(): void;
  onClose(): void;
  onPopout(): void;
  /** The visitor's answer to an interactive message (Chatwoot's submitted_values). */
  onSubmit(messageId: number, values: unknown): Promise<unknown>;
};

export type { Member };

type State = {
  config: WidgetConfig | null;
  loaded: boolean;
  entries: Entry[];
  status: string | null;
  agentSeenAt: number;
  streamState: string;
  members: Member[];
  popoutButton: boolean;
  /** The visitor's conversations (the home card's list). */
  conversations: PastConversation[];
  /** The home card instead of the current conversation (a returning visitor whose conversation was resolved, or the header's way home). */
  atHome: boolean;
  /** An earlier conversation shown read-only, from the home card. */
  viewing: PastConversation | null;
};

/** Inline icons (W2): emoji glyphs render as empty boxes where no emoji font is installed. */
const ICON = {
  attach: '<path d="M 21 11.5 12.5 20a 5 5 0 0 1-7-7L 14 4.5a 3.5 3.5 0 0 1 5 5L 10.5 18a 2 2 0 0 1-3-3L 15 7.5"/>',
  emoji: '<circle cx="12" cy="12" r="9"/><path d="M 8.5 14.5a 4.5 4.5 0 0 0 7 0M 9 9.5h.01M 15 9.5h.01"/>',
  close: '<path d="M 6 6l 12 12M 18 6 6 18"/>',
  back: '<path d="M 15 5l-7 7 7 7"/>',
  popout: '<path d="M 14 4h 6v 6M 20 4l-9 9M 18 14v 5a 1 1 0 0 1-1 1H 5a 1 1 0 0 1-1-1V 7a 1 1 0 0 1 1-1h 5"/>',
};
function icon(name: keyof typeof ICON): SVGElement {
  const t = document.createElement("template");
  t.innerHTML = `<svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${ICON[name]}</svg>`;
  return t.content.firstChild as SVGElement;
}
/** Who wrote a message, for grouping: the visitor, or the agent/bot by name. */
const author = (m: WidgetMessage) => (m.message_type === 0 ? "me" : `${m.sender?.type ?? ""}:${m.sender?.available_name || m.sender?.name || ""}`);

const EMOJI = ["😀", "😂", "😊", "😍", "👍", "🙏", "🎉", "❤️", "😢", "🤔"];

/** The widget's DOM (W2): built once, then updated in place so the composer keeps focus and text. */
export function createView(on: Handlers) {
  const root = document.getElementById("parley-widget")!;
  // Fixed words are filled in once the config answer has brought them (words.ts).
  const fixed: [Element, string | null, string][] = [];
  const say = <E extends Element>(el: E, key: string, attr: string | null = null): E => (fixed.push([el, attr, key]), el);
  let localised = false;
  const title = h("h1");
  const tagline = h("p", { className: "pw-tagline" });
  const presence = h("p", { className: "pw-status" });
  const back = say(h("button", { type: "button", className: "pw-close", hidden: true, onclick: () => on.onHome() }, icon("back")), "home", "aria-label");
  const popout = say(h("button", { type: "button", className: "pw-close", hidden: true, onclick: () => on.onPopout() }, icon("popout")), "popout", "aria-label");
  const header = h(
    "header",
    { className: "pw-header" },
    back,
    h("div", { className: "pw-heading" }, title, tagline, presence),
    popout,
    say(h("button", { type: "button", className: "pw-close", onclick: () => on.onClose() }, icon("close")), "closeChat", "aria-label"),
  );
  // W9: the first screen — the team, the reply time, the visitor's conversations, and a way in (home.ts).
  const home = createHome(on);
  const confirmEnd = h(
    "div",
    { className: "pw-confirm", role: "alertdialog", hidden: true },
    say(h("p", {}), "endConfirm"),
    say(h("button", { type: "button", className: "pw-send", onclick: () => ((confirmEnd.hidden = true), void on.onEnd()) }), "endYes"),
    say(h("button", { type: "button", className: "pw-link", onclick: () => (confirmEnd.hidden = true) }), "cancel"),
  );
  const resolvedNote = h(
    "div",
    { className: "pw-resolved", hidden: true },
    say(h("p", {}), "resolved"),
    say(h("button", { type: "button", className: "pw-send", onclick: () => on.onStart() }), "newConversation"),
  );
  const banner = h("p", { className: "pw-notice", role: "status", hidden: true });
  const offline = say(h("p", { className: "pw-notice", role: "status", hidden: true }), "reconnecting");
  const list = say(h("ol", { className: "pw-messages", role: "log" }), "messages", "aria-label");
  const typing = h("p", { className: "pw-typing", "aria-live": "polite" });
  const preChat = h("div", { className: "pw-prechat", hidden: true });
  const input = say(h("textarea", { id: "pw-input", rows: 1, maxlength: 150000 }), "placeholder", "placeholder");
  const emojiPanel = say(h("div", { className: "pw-emoji", role: "group", hidden: true }), "emoji", "aria-label");
  const emojiButton = say(h("button", { type: "button", className: "pw-icon", "aria-expanded": "false" }, icon("emoji")), "emoji", "aria-label");
  const end = say(h("button", { type: "button", className: "pw-link", hidden: true }), "endConversation");
  // W2: the attach button only where the inbox's attachments feature is on (render).
  const fileInput = h("input", { type: "file", multiple: true, className: "pw-sr", tabindex: -1, "aria-hidden": "true" });
  const attachButton = say(h("button", { type: "button", className: "pw-icon", hidden: true, onclick: () => fileInput.click() }, icon("attach")), "attach", "aria-label");
  const pending = h("div", { className: "pw-pending-wrap" });
  let chosen: File[] = [];
  const showChosen = () => pending.replaceChildren(chosen.length ? pendingList(chosen, (i) => ((chosen = chosen.filter((_, j) => j !== i)), showChosen())) : "");
  fileInput.addEventListener("change", () => {
    chosen = [...chosen, ...Array.from(fileInput.files ?? [])];
    fileInput.value = "";
    showChosen();
    input.focus();
  });
  const composer = h(
    "form",
    { className: "pw-composer" },
    say(h("label", { for: "pw-input", className: "pw-sr" }), "message"),
    input,
    attachButton,
    fileInput,
    emojiButton,
    say(h("button", { type: "submit", className: "pw-send" }), "send"),
  );
  composer.hidden = true; // shown once the conversation state is known (render)
  root.append(header, banner, offline, home.el, list, typing, preChat, resolvedNote, emojiPanel, pending, composer, confirmEnd, h("div", { className: "pw-footer" }, end));

  for (const e of EMOJI) emojiPanel.append(h("button", { type: "button", onclick: () => insert(e) }, e));
  emojiButton.addEventListener("click", () => {
    emojiPanel.hidden = !emojiPanel.hidden;
    emojiButton.setAttribute("aria-expanded", String(!emojiPanel.hidden));
  });
  function insert(text: string) {
    input.setRangeText(text, input.selectionStart, input.selectionEnd, "end");
    input.focus();
  }

  const submit = () => {
    const text = input.value.trim();
    if (!text && chosen.length === 0) return;
    const files = chosen;
    input.value = "";
    chosen = [];
    showChosen();
    on.onSend(text, files);
  };
  composer.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  input.addEventListener("input", () => on.onTyping());
  // W9: ending asks first; the answer is the resolved note with a way to start again.
  end.addEventListener("click", () => {
    confirmEnd.hidden = false;
    (confirmEnd.querySelector("button") as HTMLButtonElement).focus();
  });
  // Escape closes the chat from anywhere inside it; the loader returns focus to the bubble.
  root.addEventListener("keydown", (e) => {
    if (e.key === "Escape") on.onClose();
  });

  let preChatBuilt = false;
  function buildPreChat(config: WidgetConfig) {
    preChatBuilt = true;
    const opts = config.website_channel_config.pre_chat_form_options;
    const fields = (opts.pre_chat_fields ?? []).filter((f) => f.enabled);
    const form = h("form", { className: "pw-form" }, opts.pre_chat_message ? h("p", {}, opts.pre_chat_message) : null);
    const inputs: [string, HTMLInputElement][] = [];
    for (const f of fields) {
      const id = `pw-f-${f.name}`;
      const el = h("input", { id, name: f.name, type: f.type === "email" ? "email" : f.type === "phone" ? "tel" : "text", required: f.required });
      inputs.push([contactKey(f.name, f.type), el]);
      form.append(h("label", { for: id }, f.label || f.name), el);
    }
    const first = h("textarea", { id: "pw-f-message", required: true, rows: 3 });
    const error = h("p", { className: "pw-error", role: "alert" });
    form.append(h("label", { for: "pw-f-message" }, w("message")), first, error, h("button", { type: "submit", className: "pw-send" }, w("startConversation")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const contact: Record<string, string> = {};
      for (const [k, el] of inputs) if (el.value.trim()) contact[k] = el.value.trim();
      on.onPreChat(contact, first.value.trim()).catch(() => (error.textContent = w("startFailed")));
    });
    preChat.append(form);
  }

  // Read marks: an agent has seen a visitor's message when they last looked after it was sent, or
  // when an agent has answered since. An agent's look arrives live as conversation.agent_seen.
  let seenUpTo = 0;
  const read = (e: Entry) => e.message.id <= seenUpTo;

  /**
   * Keyed update: an item is rebuilt only when what it shows changed, and items stay in place, so a
   * half-typed answer in an email form survives new messages arriving around it.
   */
  const items = new Map<string, { sig: string; el: HTMLLIElement }>();
  let viewingPast = false;
  function patchList(entries: Entry[], readOnly: boolean) {
    const nodes: { key: string; sig: string; build: () => HTMLLIElement }[] = [];
    let prev: Entry | null = null;
    for (const e of entries) {
      const m = e.message;
      // Date separators, and the sender's avatar, name and time once per group (W9).
      const newDay = !prev || dayOf(prev.message.created_at) !== dayOf(m.created_at);
      if (newDay) {
        const label = dayLabel(m.created_at);
        nodes.push({ key: `d:${dayOf(m.created_at)}`, sig: label, build: () => h("li", { className: "pw-day", role: "separator" }, h("span", {}, label)) });
      }
      const first = newDay || !prev || author(prev.message) !== author(m) || m.created_at - prev.message.created_at > 300;
      prev = e;
      const sig = JSON.stringify([
        m.content,
        m.content_attributes.submitted_email,
        m.content_attributes.submitted_values,
        csatAnswer(m),
        e.state,
        e.error,
        read(e),
        m.sender?.name,
        m.attachments?.map((a) => a.id),
        e.files?.length,
        first,
      ]);
      nodes.push({ key: e.key, sig, build: () => messageItem(e, first, readOnly) });
    }
    const wanted = nodes.map((n) => {
      let item = items.get(n.key);
      if (!item || item.sig !== n.sig) {
        const el = n.build();
        item?.el.replaceWith(el);
        item = { sig: n.sig, el };
        items.set(n.key, item);
      }
      return item.el;
    });
    const keep = new Set(wanted);
    for (const [key, item] of items) {
      if (!keep.has(item.el)) {
        item.el.remove();
        items.delete(key);
      }
    }
    wanted.forEach((el, i) => {
      if (list.children[i] !== el) list.insertBefore(el, list.children[i] ?? null);
    });
  }

  /** `readOnly`: an earlier conversation — its forms and buttons are not offered again. */
  function messageItem(e: Entry, first: boolean, readOnly: boolean): HTMLLIElement {
    const m = e.message;
    const mine = m.message_type === 0;
    const li = h("li", {
      className: `pw-msg ${mine ? "pw-out" : "pw-in"}${first ? " pw-first" : ""}`,
      title: new Date(m.created_at * 1000).toLocaleString(document.documentElement.lang || undefined),
    });
    if (first) {
      const name = mine ? "" : m.sender?.available_name || m.sender?.name || "";
      if (!mine) li.append(h("span", { className: `pw-avatar${m.sender?.type === "agent_bot" ? " pw-bot" : ""}`, "aria-hidden": "true" }, initials(name || w("agent"))));
      li.append(h("span", { className: "pw-sender" }, name, h("time", {}, `${name ? " · " : ""}${timeOf(m.created_at)}`)));
    }
    if (m.content || !(m.attachments?.length || e.files?.length)) li.append(h("p", { className: "pw-text" }, m.content ?? ""));
    if (m.attachments?.length) li.append(attachmentList(m.attachments, on.loadFile));
    else if (e.files?.length) li.append(h("p", { className: "pw-file" }, e.files.map((f) => f.name).join(", ")));
    if (readOnly) return li;
    if (m.content_type === "input_email") li.append(emailForm(m, on.onEmail));
    if (m.content_type === "input_csat") li.append(csatForm(m, on.onCsat));
    const interactive = interactiveContent(m, (values) => on.onSubmit(m.id, values));
    if (interactive) li.append(interactive);
    if (mine) {
      const mark = e.state === "sending" ? w("sending") : e.state === "failed" ? (e.error ?? w("notSent")) : read(e) ? w("seen") : w("sent");
      li.append(h("span", { className: "pw-mark" }, mark));
      if (e.state === "failed") li.append(h("button", { type: "button", className: "pw-link", onclick: () => on.onRetry(e.key) }, w("retry")));
    }
    return li;
  }

  const view = {
    render({ config, loaded, entries, status, agentSeenAt, streamState, members, popoutButton, conversations, atHome, viewing }: State) {
      seenUpTo = 0;
      for (const e of entries) {
        if (e.echo) continue;
        if (e.message.message_type === 1 || (e.message.message_type === 0 && agentSeenAt > 0 && e.message.created_at <= agentSeenAt)) seenUpTo = Math.max(seenUpTo, e.message.id);
      }
      viewingPast = viewing !== null;
      if (config) {
        const c = config.website_channel_config;
        if (!localised) {
          localised = true;
          for (const [el, attr, key] of fixed) {
            if (attr) el.setAttribute(attr, w(key));
            else el.textContent = w(key);
          }
        }
        title.textContent = c.welcome_title || c.website_name;
        tagline.textContent = c.welcome_tagline ?? "";
        presence.textContent = c.is_online ? w("online") : c.is_open ? replyTimeWords(c) : w("away");
        const away = c.working_hours_enabled && !c.is_open && c.out_of_office_message;
        if (away) {
          banner.textContent = c.out_of_office_message;
          banner.hidden = false;
        }
        emojiButton.hidden = !c.enabled_features.includes("emoji_picker");
        attachButton.hidden = !c.enabled_features.includes("attachments");
        const needsForm = c.pre_chat_form_enabled && loaded && entries.length === 0 && !status && !viewingPast;
        if (needsForm && !preChatBuilt) buildPreChat(config);
        const homeShown = loaded && !viewingPast && (entries.length === 0 || atHome);
        // At home with a conversation to go back to, the card's button leads on; its thread and the composer wait.
        const onlyHome = homeShown && entries.length > 0;
        preChat.hidden = !needsForm;
        // Until the list is loaded it is unknown which of the two applies; show neither rather than flash one.
        composer.hidden = needsForm || !loaded || onlyHome || viewingPast;
        list.hidden = needsForm || onlyHome;
        end.hidden = !(c.enabled_features.includes("end_conversation") && status !== null && status !== "resolved") || onlyHome || viewingPast;
        home.el.hidden = !homeShown;
        home.render({ config, members, conversations, continues: entries.length > 0 && status !== "resolved", needsForm });
        resolvedNote.hidden = status !== "resolved" || onlyHome || viewingPast;
        back.hidden = !(viewingPast || (loaded && !homeShown && entries.length > 0));
        popout.hidden = !popoutButton;
      }
      offline.hidden = streamState !== "reconnecting";
      const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
      patchList(viewing ? viewing.messages.map((m) => ({ key: `p:${m.id}`, message: m, state: "sent" as const })) : entries, viewingPast);
      if (atBottom || viewingPast) list.scrollTop = list.scrollHeight;
    },
    setTyping(text: string | null) {
      typing.textContent = text ?? "";
    },
    notice(text: string) {
      banner.textContent = text;
      banner.hidden = false;
    },
    /** Where the visitor's keyboard goes: the composer, else the pre-chat form, the home card, or the way back. */
    focus() {
      if (viewingPast) return back.focus();
      if (composer.hidden && preChat.hidden && !home.el.hidden) return home.focus();
      (composer.hidden ? (preChat.querySelector("input,textarea") as HTMLElement | null) : input)?.focus();
    },
  };
  return view;
}

/** Chatwoot's pre-chat field names (emailAddress, fullName, phoneNumber) → the contact's fields. */
function contactKey(name: string, type: string): string {
  if (type === "email" || /email/i.test(name)) return "email";
  if (type === "phone" || /phone/i.test(name)) return "phone_number";
  return "name";
}
