"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type NotificationState = "unsupported" | "default" | "granted" | "denied";

/**
 * What the tab says when the agent looks elsewhere (SPEC U3): the unread count in the title, and —
 * while the tab is hidden — a short tone (WebAudio, no file to load) and a desktop notification for a
 * new incoming message. Permission is asked only from a click (browsers ignore anything else).
 */
export function useAlerts(unread: number) {
  const [permission, setPermission] = useState<NotificationState>("unsupported");
  const audio = useRef<AudioContext | null>(null);

  useEffect(() => {
    // Read after mount: the server cannot know it, and the first render must match the server's.
    const read = () => setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission);
    const timer = setTimeout(read, 0);
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(/^\(\d+\+?\) /, "");
      const wanted = unread > 0 ? `(${unread > 99 ? "99+" : unread}) ${base}` : base;
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    // Next streams the page's <title> in after hydration, and may set it again: keep the count on it.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [unread]);

  const enable = useCallback(() => {
    if (typeof Notification === "undefined") return;
    // A click is also the moment the browser lets us create the audio context.
    audio.current ??= new AudioContext();
    void Notification.requestPermission().then(setPermission);
  }, []);

  const alert = useCallback((title: string, body: string, onOpen: () => void) => {
    if (document.visibilityState !== "hidden") return;
    try {
      const ctx = (audio.current ??= new AudioContext());
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.setValueAtTime(880, ctx.currentTime);
      osc.frequency.setValueAtTime(1320, ctx.currentTime + 0.09);
      gain.gain.setValueAtTime(0.0001, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.15, ctx.currentTime + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.26);
    } catch {
      // no audio device, or autoplay refused: the notification still goes out
    }
    if (typeof Notification !== "undefined" && Notification.permission === "granted") {
      const n = new Notification(title, { body: body.slice(0, 140), tag: title });
      n.onclick = () => {
        window.focus();
        onOpen();
        n.close();
      };
    }
  }, []);

  return { permission, enable, alert };
}
