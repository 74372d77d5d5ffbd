import type { WidgetMessage } from "./api";
import { w } from "./words";

// How a visitor hears of a reply while not looking: the bubble's preview card (W7) and a tone (W8).

/** An agent's or a bot's message, not an activity line or the visitor's own. */
export function isReply(m: WidgetMessage): boolean {
  return m.message_type === 1 && !m.private;
}

/** The bubble preview card's words: the first words of the reply, and who wrote it. */
export function previewOf(m: WidgetMessage): { preview: string; name?: string } {
  const text = (m.content ?? "").replace(/\s+/g, " ").trim();
  return { preview: text.length > 90 ? `${text.slice(0, 90)}…` : text || w("attachment"), name: m.sender?.available_name || m.sender?.name };
}

/** A short two-note tone made with Web Audio, so the bundle carries no sound file (W8). */
export function chime() {
  try {
    const ctx = new AudioContext();
    [660, 880].forEach((f, i) => {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = f;
      g.gain.setValueAtTime(0.08, ctx.currentTime + i * 0.15);
      g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.15 + 0.3);
      o.connect(g).connect(ctx.destination);
      o.start(ctx.currentTime + i * 0.15);
      o.stop(ctx.currentTime + i * 0.15 + 0.3);
    });
  } catch {
    /* no audio: the title flash and the badge still say it */
  }
}
