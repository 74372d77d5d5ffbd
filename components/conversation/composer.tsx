"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useLayoutEffect, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from "react";
import { AttachmentTray } from "./composer-attachments";
import { applyCanned, type CannedResponse } from "./composer-canned";
import { CannedList, useCannedMenu } from "./composer-canned-list";
import { listboxOptionId } from "./composer-listbox";
import { spliceAt } from "./composer-caret";
import type { ComposerProps } from "./composer-contract";
import { EmojiButton } from "./composer-emoji";
import { applyMention, type MentionCandidate } from "./composer-mention";
import { MentionList, useMentionMenu } from "./composer-mention-list";
import { ComposerModeTabs, useModeShortcuts, type ComposerMode } from "./composer-mode-tabs";
import { addFiles, canSend, MAX_ATTACHMENTS, type OutgoingDraft } from "./composer-request";
import { useSendMessage } from "./composer-send";
import { ComposerStatus } from "./composer-status";
import { useTypingSignal } from "./composer-typing-signal";

const MAX_HEIGHT_PX = 240;
const PLACEHOLDER = { reply: "placeholderReply", note: "placeholderNote" } as const satisfies Record<ComposerMode, string>;

/** Unsent text per conversation, kept while the app is open, so switching away loses nothing. */
const drafts = new Map<string, string>();

/**
 * The message composer (SPEC U1, U2, U4): reply or private note, Enter sends and Shift+Enter breaks
 * the line, canned responses on `/`, emoji, attachments, and the typing indicator. One instance per
 * conversation (keyed), so nothing of one conversation's draft leaks into another.
 */
export function Composer(props: ComposerProps) {
  return <ConversationComposer key={`${props.accountId}:${props.displayId}`} {...props} />;
}

function ConversationComposer({ accountId, displayId, inboxId, onPending, onSettled }: ComposerProps) {
  const t = useTranslations("conversation.composer");
  const draftKey = `${accountId}:${displayId}`;
  const ids = useId();
  const listId = `${ids}-canned`;
  const panelId = `${ids}-panel`;
  const hintId = `${ids}-hint`;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const nextCaret = useRef<number | null>(null);

  const [text, setText] = useState(() => drafts.get(draftKey) ?? "");
  const [caret, setCaret] = useState(0);
  const [mode, setMode] = useState<ComposerMode>("reply");
  const [files, setFiles] = useState<File[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const typing = useTypingSignal({ accountId, displayId, enabled: mode === "reply" });
  const { post, echoIdFor, failure, dismissFailure, blocked } = useSendMessage({ accountId, displayId, onPending, onSettled });

  // What the async failure handler sees: the composer as it is when the answer comes back.
  const current = useRef({ text, files, mounted: true });
  useEffect(() => {
    current.current = { ...current.current, text, files };
    drafts.set(draftKey, text);
  }, [text, files, draftKey]);
  useEffect(() => {
    const c = current.current;
    c.mounted = true;
    return () => {
      c.mounted = false;
    };
  }, []);

  const menu = useCannedMenu(accountId, text, caret);
  // NT5: in a private note, `@` offers the agents who can see the conversation.
  const mentions = useMentionMenu(accountId, inboxId, text, caret, mode === "note");

  // Auto-grow up to MAX_HEIGHT_PX, then scroll; and put the caret where the last insertion asked.
  useLayoutEffect(() => {
    const el = textarea.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
    el.style.overflowY = el.scrollHeight > MAX_HEIGHT_PX ? "auto" : "hidden";
    if (nextCaret.current !== null) {
      el.focus();
      el.setSelectionRange(nextCaret.current, nextCaret.current);
      nextCaret.current = null;
    }
  }, [text]);

  useModeShortcuts((next) => {
    setMode(next);
    textarea.current?.focus();
  });

  function edit(value: string, caretAt: number | null) {
    setText(value);
    if (caretAt !== null) setCaret(caretAt);
    if (value.trim()) typing.typed();
    else typing.stop();
    menu.edited(value, caretAt ?? value.length);
    mentions.edited(value, caretAt ?? value.length);
  }

  function pickMention(c: MentionCandidate) {
    if (!mentions.at) return;
    const next = applyMention(text, mentions.at, c);
    nextCaret.current = next.caret;
    edit(next.text, next.caret);
  }

  function insert(value: string, start: number, end: number) {
    const next = spliceAt(text, start, end, value);
    nextCaret.current = next.caret;
    edit(next.text, next.caret);
  }

  function pick(c: CannedResponse) {
    if (!menu.slash) return;
    const next = applyCanned(text, menu.slash, c);
    nextCaret.current = next.caret;
    edit(next.text, next.caret);
  }

  function restore(draft: OutgoingDraft): boolean {
    const c = current.current;
    if (!c.mounted || c.text.trim() || c.files.length) return false;
    setText(draft.content);
    setFiles(draft.files);
    setMode(draft.private ? "note" : "reply");
    return true;
  }

  function send() {
    if (blocked || !canSend(text, files)) return;
    const isPrivate = mode === "note";
    post({ content: text, private: isPrivate, echoId: echoIdFor(text, isPrivate, files), files }, restore);
    typing.stop();
    setText("");
    setFiles([]);
    setNotice(null);
    textarea.current?.focus();
  }

  function attach(incoming: File[]) {
    if (incoming.length === 0) return;
    const added = addFiles(files, incoming);
    setFiles(added.files);
    setNotice(added.rejected ? t("tooManyFiles", { max: MAX_ATTACHMENTS, count: added.rejected }) : null);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (mentions.handleKey(e, pickMention)) return;
    if (menu.handleKey(e, pick)) return;
    // An IME composition confirms with Enter; that Enter is not a send.
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      send();
    }
  }

  function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
    const images = Array.from(e.clipboardData.files).filter((f) => f.type.startsWith("image/"));
    if (images.length === 0) return;
    if (!e.clipboardData.getData("text/plain")) e.preventDefault();
    attach(images);
  }

  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes("Files");
  const note = mode === "note";

  return (
    <div
      className="@container relative shrink-0 border-t border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-3 pt-1 pb-3"
      onDragOver={(e) => {
        if (!hasFiles(e) || blocked) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e) || blocked) return;
        e.preventDefault();
        setDragging(false);
        attach(Array.from(e.dataTransfer.files));
      }}
    >
      <ComposerModeTabs mode={mode} panelId={panelId} onChange={(m) => setMode(m)} />
      <div
        id={panelId}
        role="tabpanel"
        aria-label={note ? t("panelNote") : t("panelReply")}
        className={`relative mt-1.5 rounded-lg border transition-colors ${
          note
            ? "border-amber-300 dark:border-amber-500/40 bg-amber-50 dark:bg-amber-500/10 focus-within:border-amber-500 focus-within:ring-2 focus-within:ring-amber-200 dark:focus-within:ring-amber-500/30"
            : "border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500/20"
        } ${dragging ? "ring-2 ring-brand-500" : ""}`}
      >
        {mentions.open ? (
          <MentionList id={listId} items={mentions.items} active={mentions.activeIndex} onPick={pickMention} onHover={mentions.hover} />
        ) : (
          menu.open && <CannedList id={listId} items={menu.items} active={menu.activeIndex} onPick={pick} onHover={menu.hover} />
        )}
        <AttachmentTray files={files} onRemove={(i) => setFiles((fs) => fs.filter((_, j) => j !== i))} />
        <textarea
          ref={textarea}
          aria-label={t("message")}
          aria-describedby={hintId}
          aria-autocomplete="list"
          aria-controls={menu.open || mentions.open ? listId : undefined}
          aria-activedescendant={mentions.open ? listboxOptionId(listId, mentions.activeIndex) : menu.open && menu.items.length > 0 ? listboxOptionId(listId, menu.activeIndex) : undefined}
          rows={2}
          value={text}
          disabled={blocked !== null}
          placeholder={t(PLACEHOLDER[mode])}
          onChange={(e) => edit(e.target.value, e.target.selectionStart)}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => typing.stop()}
          className={`block w-full resize-none bg-transparent px-3 py-2 text-sm text-slate-900 dark:text-slate-100 placeholder:text-slate-400 dark:placeholder:text-slate-500 focus:outline-none disabled:cursor-not-allowed ${note ? "placeholder:text-amber-700/70 dark:placeholder:text-amber-200/70" : ""}`}
        />
        <div className="flex items-center gap-1 px-2 pb-2">
          <EmojiButton
            onPick={(emoji) => {
              const el = textarea.current;
              insert(emoji, el?.selectionStart ?? text.length, el?.selectionEnd ?? text.length);
            }}
            onClose={() => textarea.current?.focus()}
            disabled={blocked !== null}
          />
          <button
            type="button"
            aria-label={t("attach")}
            title={t("attach")}
            disabled={blocked !== null}
            onClick={() => fileInput.current?.click()}
            className="rounded p-1.5 text-slate-500 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800 hover:text-slate-700 dark:hover:text-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none disabled:opacity-50"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="h-4 w-4">
              <path d="M13.5 6.5 7.8 12.2a1.8 1.8 0 0 0 2.5 2.5l6-6a3.5 3.5 0 0 0-5-5l-6 6a5.2 5.2 0 0 0 7.4 7.4l4.8-4.8" strokeLinecap="round" />
            </svg>
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            tabIndex={-1}
            aria-hidden="true"
            className="hidden"
            onChange={(e) => {
              attach(Array.from(e.target.files ?? []));
              e.target.value = "";
            }}
          />
          <span id={hintId} className="sr-only">
            {t("hint")}
          </span>
          <span aria-hidden="true" className="ml-auto hidden truncate text-xs text-slate-500 dark:text-slate-400 @lg:inline">
            {t("hintShort")}
          </span>
          <button
            type="button"
            onClick={send}
            disabled={blocked !== null || !canSend(text, files)}
            className={`ml-auto rounded-md px-3 @lg:ml-2 py-1.5 text-sm font-medium text-white shadow-xs focus-visible:ring-2 focus-visible:ring-offset-1 focus-visible:outline-none disabled:opacity-50 ${
              note ? "bg-amber-700 hover:bg-amber-800 focus-visible:ring-amber-500" : "bg-brand-600 hover:bg-brand-700 focus-visible:ring-brand-500"
            }`}
          >
            {t("send")}
          </button>
        </div>
      </div>
      <ComposerStatus blocked={blocked} failure={failure} notice={notice} onRetry={() => failure && post(failure.draft, () => false)} onDismiss={dismissFailure} />
    </div>
  );
}
