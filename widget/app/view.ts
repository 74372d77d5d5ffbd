import type { WidgetConfig, WidgetMessage } from "./api";
import { attachmentList, pendingList, type FileLoader } from "./attachments";
import { h } from "./dom";
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
  onClose(): void;
};

type State = { config: WidgetConfig | null; loaded: boolean; entries: Entry[]; status: string | null; agentSeenAt: number; streamState: string };

const REPLY_TIME: Record<string, string> = { in_a_few_minutes: "replyMinutes", in_a_few_hours: "replyHours", in_a_day: "replyDay" };
const EMOJI = ["😀", "😂", "😊", "😍", "👍", "🙏", "🎉", "❤️", "😢", "🤔"];
/** The rating message's five faces, 1 (worst) to 5 (best), as Chatwoot's widget shows them. */
const CSAT_FACES = ["😞", "😑", "😐", "😊", "😍"];

type CsatAnswer = { rating?: number; feedback_message?: string | null };
const csatAnswer = (m: WidgetMessage): CsatAnswer | undefined => (m.content_attributes.submitted_values as { csat_survey_response?: CsatAnswer } | undefined)?.csat_survey_response;

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
  const header = h(
    "header",
    { className: "pw-header" },
    h("div", {}, title, tagline, presence),
    say(h("button", { type: "button", className: "pw-close", onclick: () => on.onClose() }, "×"), "closeChat", "aria-label"),
  );
  const banner = h("p", { className: "pw-notice", role: "status", hidden: true });
  const offline = say(h("p", { className: "pw-notice", role: "status", hidden: true }), "reconnecting");
  const list = say(h("ol", { className: "pw-messages", role: "log" }), "messages", "aria-label");
  const typing = h("p", { className: "pw-typing", "aria-live": "polite" });
  const preChat = h("div", { className: "pw-prechat", hidden: true });
  const input = say(h("textarea", { id: "pw-input", rows: 1, maxlength: 150000 }), "placeholder", "placeholder");
  const emojiPanel = say(h("div", { className: "pw-emoji", role: "group", hidden: true }), "emoji", "aria-label");
  const emojiButton = say(h("button", { type: "button", className: "pw-icon", "aria-expanded": "false" }, "☺"), "emoji", "aria-label");
  const end = say(h("button", { type: "button", className: "pw-link", hidden: true }), "endConversation");
  // W2: the attach button only where the inbox's attachments feature is on (render).
  const fileInput = h("input", { type: "file", multiple: true, className: "pw-sr", tabindex: -1, "aria-hidden": "true" });
  const attachButton = say(h("button", { type: "button", className: "pw-icon", hidden: true, onclick: () => fileInput.click() }, "📎"), "attach", "aria-label");
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
  root.append(header, banner, offline, list, typing, preChat, emojiPanel, pending, composer, h("div", { className: "pw-footer" }, end));

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
  end.addEventListener("click", () => void on.onEnd());
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
  function patchList(entries: Entry[]) {
    const wanted = entries.map((e) => {
      const sig = JSON.stringify([
        e.message.content,
        e.message.content_attributes.submitted_email,
        csatAnswer(e.message),
        e.state,
        e.error,
        read(e),
        e.message.sender?.name,
        e.message.attachments?.map((a) => a.id),
        e.files?.length,
      ]);
      let item = items.get(e.key);
      if (!item || item.sig !== sig) {
        const el = messageItem(e);
        item?.el.replaceWith(el);
        item = { sig, el };
        items.set(e.key, item);
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

  function messageItem(e: Entry): HTMLLIElement {
    const m = e.message;
    const mine = m.message_type === 0;
    const li = h("li", { className: `pw-msg ${mine ? "pw-out" : "pw-in"}` });
    if (!mine && m.sender?.type === "user") li.append(h("span", { className: "pw-sender" }, m.sender.available_name || m.sender.name || ""));
    if (m.content || !(m.attachments?.length || e.files?.length)) li.append(h("p", { className: "pw-text" }, m.content ?? ""));
    if (m.attachments?.length) li.append(attachmentList(m.attachments, on.loadFile));
    else if (e.files?.length) li.append(h("p", { className: "pw-file" }, e.files.map((f) => f.name).join(", ")));
    if (m.content_type === "input_email") li.append(emailForm(m));
    if (m.content_type === "input_csat") li.append(csatForm(m));
    if (mine) {
      const mark = e.state === "sending" ? w("sending") : e.state === "failed" ? (e.error ?? w("notSent")) : read(e) ? w("seen") : w("sent");
      li.append(h("span", { className: "pw-mark" }, mark));
      if (e.state === "failed") li.append(h("button", { type: "button", className: "pw-link", onclick: () => on.onRetry(e.key) }, w("retry")));
    }
    return li;
  }

  function emailForm(m: WidgetMessage): Node {
    const done = m.content_attributes.submitted_email;
    if (typeof done === "string") return h("p", { className: "pw-mark" }, done);
    const id = `pw-email-${m.id}`;
    const el = h("input", { id, type: "email", required: true, placeholder: w("emailPlaceholder") });
    const form = h("form", { className: "pw-inline" }, h("label", { for: id, className: "pw-sr" }, w("email")), el, h("button", { type: "submit" }, w("save")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      on.onEmail(m.id, el.value.trim()).catch((err: unknown) => {
        // The server's reason ("Email is invalid", "Email has already been taken") says what to fix.
        el.setCustomValidity(err instanceof Error && err.message ? err.message : w("invalidEmail"));
        el.reportValidity();
        el.addEventListener("input", () => el.setCustomValidity(""), { once: true });
      });
    });
    return form;
  }

  /**
   * The rating message (CSAT): five faces as a radio group, an optional comment, Send. An answer can
   * be changed (for 14 days, the server says when it is too late); the chosen face stays marked.
   */
  function csatForm(m: WidgetMessage): Node {
    const answered = csatAnswer(m);
    let rating = answered?.rating ?? 0;
    const faces = CSAT_FACES.map((face, i) => {
      const b = h("button", { type: "button", className: "pw-face", role: "radio", "aria-label": w("csatRating", { n: i + 1 }), "aria-checked": String(rating === i + 1) }, face);
      b.addEventListener("click", () => {
        rating = i + 1;
        faces.forEach((f, j) => f.setAttribute("aria-checked", String(j === i)));
        send.disabled = false;
      });
      return b;
    });
    const id = `pw-csat-${m.id}`;
    const comment = h("textarea", { id, rows: 2, maxLength: 10000, placeholder: w("csatComment") }) as HTMLTextAreaElement;
    comment.value = answered?.feedback_message ?? "";
    const send = h("button", { type: "submit", disabled: rating === 0 }, answered ? w("csatChange") : w("csatSend")) as HTMLButtonElement;
    const note = h("p", { className: "pw-mark", role: "status" }, answered ? w("csatThanks") : "");
    const form = h(
      "form",
      { className: "pw-csat" },
      h("div", { className: "pw-faces", role: "radiogroup", "aria-label": w("csatLabel") }, ...faces),
      h("label", { for: id, className: "pw-sr" }, w("csatComment")),
      comment,
      send,
      note,
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!rating) return;
      send.disabled = true;
      on.onCsat(m.id, rating, comment.value.trim()).catch((err: unknown) => {
        note.textContent = err instanceof Error && err.message ? err.message : w("csatFailed");
        send.disabled = false;
      });
    });
    return form;
  }

  return {
    render({ config, loaded, entries, status, agentSeenAt, streamState }: State) {
      seenUpTo = 0;
      for (const e of entries) {
        if (e.echo) continue;
        if (e.message.message_type === 1 || (e.message.message_type === 0 && agentSeenAt > 0 && e.message.created_at <= agentSeenAt)) seenUpTo = Math.max(seenUpTo, e.message.id);
      }
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
        presence.textContent = c.is_online ? w("online") : c.is_open ? (REPLY_TIME[c.reply_time] ? w(REPLY_TIME[c.reply_time]!) : "") : w("away");
        const away = c.working_hours_enabled && !c.is_open && c.out_of_office_message;
        if (away) {
          banner.textContent = c.out_of_office_message;
          banner.hidden = false;
        }
        emojiButton.hidden = !c.enabled_features.includes("emoji_picker");
        attachButton.hidden = !c.enabled_features.includes("attachments");
        const needsForm = c.pre_chat_form_enabled && loaded && entries.length === 0 && !status;
        if (needsForm && !preChatBuilt) buildPreChat(config);
        preChat.hidden = !needsForm;
        // Until the list is loaded it is unknown which of the two applies; show neither rather than flash one.
        composer.hidden = needsForm || !loaded;
        list.hidden = needsForm;
        end.hidden = !(c.enabled_features.includes("end_conversation") && status !== null && status !== "resolved");
      }
      offline.hidden = streamState !== "reconnecting";
      const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
      patchList(entries);
      if (atBottom) list.scrollTop = list.scrollHeight;
    },
    setTyping(text: string | null) {
      typing.textContent = text ?? "";
    },
    notice(text: string) {
      banner.textContent = text;
      banner.hidden = false;
    },
    focus() {
      (composer.hidden ? (preChat.querySelector("input,textarea") as HTMLElement | null) : input)?.focus();
    },
  };
}

/** Chatwoot's pre-chat field names (emailAddress, fullName, phoneNumber) → the contact's fields. */
function contactKey(name: string, type: string): string {
  if (type === "email" || /email/i.test(name)) return "email";
  if (type === "phone" || /phone/i.test(name)) return "phone_number";
  return "name";
}
