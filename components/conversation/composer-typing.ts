/**
 * The agent's outgoing typing indicator as a pure state machine (SPEC U1 "typing indicator", E3):
 * the first keystroke sends "on", later ones re-send it at most every RESEND_MS (the server clears
 * typing after 30 s, so a long reply keeps it alive); "off" goes once when the agent stops — idle,
 * send, blur, a switch to a private note, unmount — and only if "on" was sent.
 */
export const TYPING_RESEND_MS = 5_000;
export const TYPING_IDLE_MS = 3_000;

export type TypingState = { on: boolean; lastOnAt: number };
export type TypingEvent = { type: "typed"; at: number } | { type: "stopped" };
export type TypingSignal = "on" | "off" | null;

export const typingIdle: TypingState = { on: false, lastOnAt: -Infinity };

export function typingStep(state: TypingState, event: TypingEvent): { state: TypingState; send: TypingSignal } {
  if (event.type === "stopped") return state.on ? { state: typingIdle, send: "off" } : { state, send: null };
  if (state.on && event.at - state.lastOnAt < TYPING_RESEND_MS) return { state, send: null };
  return { state: { on: true, lastOnAt: event.at }, send: "on" };
}
