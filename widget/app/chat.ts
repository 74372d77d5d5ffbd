import { parseEvent } from "@/lib/realtime/parse-event";
import { connectStream, type StreamClient, type StreamMessage } from "@/lib/realtime/stream-client";
import { ApiError, createApi, listConversations, uploadForm, type PastConversation, type WidgetConfig, type WidgetMessage } from "./api";
import { widgetTrigger } from "./triggered";
import { createFileLoader } from "./attachments";
import { createSeenMarker } from "./seen";
import { sdkCall, type Bridge } from "./bridge";
import { chime, isReply, previewOf } from "./notify";
import { createView, type Entry, type Member } from "./view";
import { setWords, w } from "./words";

const TYPING_CLEAR_MS = 30_000;
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 20_000];

/**
 * The chat inside the iframe: session, message list, optimistic sending and the live stream.
 * Messages are keyed by id; a message sent from here is first keyed by its echo_id, so the POST
 * answer and the stream's copy of it (whichever comes first) become one entry, and a retried send
 * reuses the echo_id so the server stores it once (M6).
 */
export function startChat({
  websiteToken,
  token: initialToken,
  bridge,
  visible: initiallyVisible,
  referer,
  locale,
  sound = false,
  popout = false,
  popoutButton = false,
}: {
  websiteToken: string;
  token: string | null;
  bridge: Bridge;
  visible: boolean;
  /** The host page the visitor is on: stored with a new conversation for agents (Chatwoot's referer). */
  referer: string | null;
  /** The host page's choice of language; the server falls back to the account's, then the browser's. */
  locale: string | null;
  /** W8: a short tone on an agent's reply while the page is hidden (the host's newMessageSound). */
  sound?: boolean;
  /** Shown in a window of its own ($chatwoot.popoutChatWindow). */
  popout?: boolean;
  /** The host's showPopoutButton. */
  popoutButton?: boolean;
}) {
  let token = initialToken;
  let visible = initiallyVisible;
  let unread = 0;
  let config: WidgetConfig | null = null;
  let stream: StreamClient | null = null;
  let status: string | null = null;
  /** When an agent last looked at the conversation (epoch s), for read marks. */
  let agentSeenAt = 0;
  /** When the visitor last looked (epoch s): replies after it are unread for a returning visitor (W7). */
  let contactSeenAt = 0;
  /** The inbox's agents for the home view (W9). */
  let members: Member[] = [];
  /** The list has been loaded once: until then the pre-chat form must not flash for a returning visitor. */
  let loaded = false;
  /** The current conversation's number (display id), once there is one. */
  let currentId: number | null = null;
  /** W9: the visitor's conversations for the home card; whether the home card stands in for the current one; an earlier one opened from it. */
  let conversations: PastConversation[] = [];
  let atHome = false;
  let viewing: PastConversation | null = null;
  /** Conversations the visitor left for a new one: their late events are not shown again. */
  const left = new Set<number>();
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let myTyping = false;
  let myTypingTimer: ReturnType<typeof setTimeout> | undefined;
  const entries = new Map<string, Entry>();
  const api = createApi(websiteToken, () => token);
  const trigger = widgetTrigger(api, { referer, locale });

  const view = createView({
    onSend: (text, files) => send(text, files),
    loadFile: createFileLoader(websiteToken, () => token),
    onRetry: (key) => {
      const e = entries.get(key);
      if (e) void deliver(e, 0);
    },
    onTyping: () => typing(true),
    onPreChat: (contact, text) => startConversation(contact, text),
    onEmail: async (messageId, email) => {
      const { contact } = await api<{ contact: { email: string | null } }>("PUT", `messages/${messageId}`, { contact: { email } });
      answered(messageId, { submitted_email: contact.email });
    },
    onCsat: (messageId, rating, feedback) => answer(messageId, { csat_survey_response: { rating, feedback_message: feedback || null } }),
    onEnd: async () => {
      await api("POST", "conversations/toggle_status").catch(() => view.notice(w("endFailed")));
      const current = await api<{ status?: string }>("GET", "conversations").catch(() => ({ status: status ?? undefined }));
      status = current.status ?? null;
      render();
    },
    onStart: () =>
      show(() => {
        // A resolved conversation is left behind (it stays on the home card): the next message starts a new one.
        if (status === "resolved" && currentId !== null) {
          left.add(currentId);
          entries.clear();
          [status, currentId, agentSeenAt] = [null, null, 0];
        }
        atHome = false;
      }),
    onOpen: (c) => show(() => ([viewing, atHome] = [c.id === currentId ? null : c, false])),
    onHome: () => (show(() => ([viewing, atHome] = [null, true])), void loadHistory()),
    onClose: () => bridge.close(),
    onPopout: () => bridge.popout(),
    onSubmit: (messageId, values) => answer(messageId, values),
  });

  /** A change of screen (home card, a conversation): render, then put the keyboard where it belongs. */
  const show = (change: () => void) => {
    change();
    render();
    view.focus();
  };
  /** The visitor's answer to a message's form (Chatwoot's submitted_values). */
  const answer = async (messageId: number, values: unknown) => {
    await api("PATCH", `messages/${messageId}`, { message: { submitted_values: values } });
    answered(messageId, { submitted_values: values });
  };
  /** Shows an answer at once; the stream's message.updated carries the same. */
  const answered = (messageId: number, attrs: Record<string, unknown>) => {
    const entry = [...entries.values()].find((e) => e.message.id === messageId);
    if (entry) entry.message = { ...entry.message, content_attributes: { ...entry.message.content_attributes, ...attrs } };
    render();
  };

  const setToken = (next: string) => {
    if (next === token) return;
    token = next;
    bridge.setToken(next);
  };

  const render = () =>
    view.render({
      config,
      loaded,
      entries: [...entries.values()].sort(order),
      status,
      agentSeenAt,
      streamState: stream?.state ?? "connecting",
      members,
      popoutButton: popoutButton && !popout,
      conversations,
      atHome,
      viewing,
    });

  /** The home card's list (Client API); a failure keeps the last one. */
  const loadHistory = () =>
    listConversations(websiteToken, token).then(
      (list) => ((conversations = list), render()),
      () => undefined,
    );

  const upsert = (m: WidgetMessage) => {
    if (m.private || m.message_type === 2) return; // M5: never shown, even if it got here
    if (left.has(m.conversation_id)) return;
    const pendingKey = m.echo_id ? `e:${m.echo_id}` : null;
    if (pendingKey && entries.has(pendingKey)) entries.delete(pendingKey);
    const existing = entries.get(`m:${m.id}`);
    entries.set(`m:${m.id}`, { key: `m:${m.id}`, message: { ...existing?.message, ...m }, state: "sent" });
  };

  async function loadMessages(after?: number) {
    const page = await api<{ payload: WidgetMessage[] }>("GET", after ? `messages?after=${after}` : "messages");
    page.payload.forEach(upsert);
    const latest = await api<{ id?: number; status?: string; agent_last_seen_at?: number; contact_last_seen_at?: number }>("GET", "conversations");
    // A conversation the visitor left is no longer theirs to continue here: as if there were none yet.
    const current = latest.id !== undefined && left.has(latest.id) ? ({} as typeof latest) : latest;
    status = current.status ?? null;
    agentSeenAt = current.agent_last_seen_at ?? 0;
    contactSeenAt = current.contact_last_seen_at ?? 0;
    currentId = current.id ?? null;
    // W9: a returning visitor whose conversation was resolved starts at the home card (it is listed there).
    if (!loaded) atHome = status === "resolved";
    loaded = true;
    if (!visible) {
      const waiting = [...entries.values()].filter((e) => isReply(e.message) && e.message.created_at > contactSeenAt);
      unread = waiting.length;
      bridge.setUnread(unread, unread ? previewOf(waiting[waiting.length - 1]!.message) : undefined);
    }
    render();
  }

  function lastId(): number {
    let max = 0;
    for (const e of entries.values()) if (!e.echo && e.message.id > max) max = e.message.id;
    return max;
  }

  function onEvent(m: StreamMessage) {
    if (m.event === "resync") return void loadMessages().catch(() => undefined);
    if (m.event === "ready") {
      onReady?.();
      onReady = null;
    }
    if (m.event === "ready" || !m.data) return render();
    const e = parseEvent(m.event, m.data);
    if (!e) return render();
    if (e.type === "message.created" || e.type === "message.updated") {
      const msg: WidgetMessage = e.data;
      upsert(msg);
      if (e.type === "message.created") bridge.event("on-message", msg);
      if (e.type === "message.created" && msg.message_type !== 0) {
        view.setTyping(null);
        if (!visible && isReply(msg)) bridge.setUnread(++unread, previewOf(msg));
        else if (visible && !msg.private && msg.message_type !== 2) seen.shown(); // an activity line is never shown (M5)
        if (isReply(msg) && sound && document.hidden) chime();
        // The home card's unread counts and last messages follow.
        if (atHome || viewing) void loadHistory();
      }
    } else if (e.type === "conversation.typing_on" || e.type === "conversation.typing_off") {
      const user = e.data.user;
      if (user.type !== "user" || e.data.is_private) return;
      clearTimeout(typingTimer);
      if (e.type === "conversation.typing_on") {
        view.setTyping(w("typing", { name: String(user.available_name || user.name || w("agent")) }));
        typingTimer = setTimeout(() => view.setTyping(null), TYPING_CLEAR_MS);
      } else view.setTyping(null);
      return;
    } else if (e.type === "conversation.agent_seen") {
      // The team read the conversation (only when, never who): the visitor's messages up to then show "Seen".
      const { id, agent_last_seen_at: at } = e.data;
      if (typeof at !== "number" || ![...entries.values()].some((entry) => entry.message.conversation_id === id)) return;
      agentSeenAt = Math.max(agentSeenAt, at);
    } else if (e.type === "conversation.status_changed" || e.type === "conversation.created") {
      if (left.has(e.data.id)) return;
      status = typeof e.data.status === "string" ? e.data.status : status;
      if (e.type === "conversation.created") currentId = e.data.id;
    }
    render();
  }

  const authHeaders = (): Record<string, string> => (token ? { "X-Auth-Token": token } : {});

  let onReady: (() => void) | null = null;

  /**
   * Subscribes, then loads the list: whatever happens between the two arrives on the stream (and is
   * merged by id), so nothing falls into a gap. Loads anyway if the stream is slow to come up.
   */
  async function connectThenLoad() {
    const ready = new Promise<void>((resolve) => {
      onReady = resolve;
      setTimeout(resolve, 5_000);
    });
    openStream();
    await ready;
    await loadMessages();
  }

  function openStream() {
    stream?.close();
    const url = `/api/v1/widget/stream?website_token=${encodeURIComponent(websiteToken)}`;
    stream = connectStream({ url, headers: authHeaders, onMessage: onEvent, onState: render, minDelayMs: 300, maxDelayMs: 10_000 });
  }

  // Coming back online: resume at once from the last event instead of waiting out the backoff (E5).
  window.addEventListener("online", () => {
    if (!stream) return;
    const from = stream.lastEventId;
    stream.close();
    const url = `/api/v1/widget/stream?website_token=${encodeURIComponent(websiteToken)}`;
    stream = connectStream({ url, lastEventId: from, headers: authHeaders, onMessage: onEvent, onState: render, minDelayMs: 300, maxDelayMs: 10_000 });
    for (const e of entries.values()) if (e.state === "failed" && e.retryable) void deliver(e, 0);
  });

  const seen = createSeenMarker({ send: () => void api("POST", "conversations/update_last_seen").catch(() => undefined), isVisible: () => visible });

  function typing(on: boolean) {
    clearTimeout(myTypingTimer);
    if (on) myTypingTimer = setTimeout(() => typing(false), 3_000);
    if (on === myTyping || !status) return;
    myTyping = on;
    void api("POST", "conversations/toggle_typing", { typing_status: on ? "on" : "off" }).catch(() => undefined);
  }

  function send(text: string, files: File[] = []) {
    const echo = crypto.randomUUID();
    const entry: Entry = {
      key: `e:${echo}`,
      echo,
      files,
      state: "sending",
      message: { id: Number.MAX_SAFE_INTEGER, content: text, message_type: 0, content_attributes: {}, created_at: Math.floor(Date.now() / 1000), conversation_id: 0 },
    };
    entries.set(entry.key, entry);
    atHome = false;
    viewing = null;
    typing(false);
    render();
    void deliver(entry, 0);
  }

  async function deliver(entry: Entry, attempt: number) {
    entry.state = "sending";
    render();
    try {
      const message = { content: entry.message.content, echo_id: entry.echo, referer_url: referer };
      const stored = await api<WidgetMessage>("POST", "messages", entry.files?.length ? uploadForm(message, entry.files) : { message });
      entries.delete(entry.key);
      // The inbox took it into the conversation the visitor had left (messages after resolution allowed): show that thread again.
      if (left.delete(stored.conversation_id)) void loadMessages();
      upsert({ ...stored, echo_id: entry.echo });
      currentId = stored.conversation_id;
      status = status === "resolved" || !status ? "open" : status;
    } catch (err) {
      const transient = !(err instanceof ApiError) || err.status >= 500 || err.status === 429;
      if (transient && attempt < RETRY_DELAYS_MS.length && entries.get(entry.key) === entry) {
        setTimeout(() => void deliver(entry, attempt + 1), RETRY_DELAYS_MS[attempt]);
        return;
      }
      entry.state = "failed";
      entry.retryable = transient;
      entry.error = err instanceof ApiError && !transient ? err.message : w("notSent");
    }
    render();
  }

  async function startConversation(contact: Record<string, string>, text: string) {
    const echo = crypto.randomUUID();
    const c = await api<{ status: string; messages: WidgetMessage[] }>("POST", "conversations", { contact, message: { content: text, echo_id: echo, referer_url: referer } });
    c.messages.forEach(upsert);
    status = c.status;
    atHome = false;
    render();
  }

  return {
    async boot(user: Record<string, unknown> | null, attrs: Record<string, unknown> | null) {
      // A language Parley lacks is refused (422); the widget then goes on in the inbox's language.
      config = locale
        ? await api<WidgetConfig>("POST", `config?locale=${encodeURIComponent(locale)}`).catch((err: unknown) => {
            if (err instanceof ApiError && err.status === 422) return api<WidgetConfig>("POST", "config");
            throw err;
          })
        : await api<WidgetConfig>("POST", "config");
      setWords(config.i18n);
      if (config.website_channel_config.locale) document.documentElement.lang = config.website_channel_config.locale;
      bridge.setLabels({ open: w("openChat"), close: w("closeChat"), title: w("chat"), launcher: w("launcher"), newMessage: w("newMessage") });
      setToken(config.website_channel_config.auth_token);
      bridge.setColor(config.website_channel_config.widget_color);
      document.documentElement.style.setProperty("--pw-color", config.website_channel_config.widget_color);
      void api<{ payload: Member[] }>("GET", "inbox_members")
        .then((r) => ((members = r.payload), render()))
        .catch(() => undefined);
      if (user) await this.setUser(user, false);
      if (attrs) await this.setAttributes(attrs);
      await connectThenLoad();
      // Before the chat is shown: the home card's unread counts are read before opening marks them seen.
      await loadHistory();
    },
    async setUser(user: Record<string, unknown>, reload = true) {
      try {
        const res = await api<{ widget_auth_token?: string }>("PATCH", "contact/set_user", user);
        if (res.widget_auth_token) {
          // A new identity: its own history and its own stream (Chatwoot #15933).
          setToken(res.widget_auth_token);
          entries.clear();
          [conversations, viewing] = [[], null];
          if (reload) await connectThenLoad().then(loadHistory);
        }
      } catch (err) {
        view.notice(err instanceof ApiError && err.status === 401 ? w("notVerified") : w("wentWrong"));
        bridge.event("error", { message: err instanceof Error ? err.message : String(err) });
      }
    },
    async setAttributes(attrs: Record<string, unknown>) {
      await api("PATCH", "contact", { custom_attributes: attrs }).catch(() => undefined);
    },
    setVisible(next: boolean) {
      const closing = visible && !next;
      visible = next;
      if (visible) {
        trigger();
        unread = 0;
        bridge.setUnread(0);
        if (status) seen.shown();
        view.focus();
      } else if (closing) seen.closed();
    },
    /** $chatwoot's conversation and attribute calls (SD3); failures reach the page as chatwoot:error. */
    async call(op: string, arg: unknown) {
      await sdkCall(api, op, arg)?.catch((err: unknown) => bridge.event("error", { message: err instanceof Error ? err.message : String(err) }));
    },
    /** After a gap, fetch what the stream would have replayed anyway (belt and braces for W4). */
    refresh: () => loadMessages(lastId() || undefined),
  };
}

function order(a: Entry, b: Entry): number {
  return a.message.created_at - b.message.created_at || a.message.id - b.message.id;
}
