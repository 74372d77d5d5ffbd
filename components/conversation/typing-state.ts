/** E3: a typing indicator clears itself 30 s after its last signal (Chatwoot's receivers do the same). */
export const TYPING_TIMEOUT_MS = 30_000;

export type Typing = { name: string; until: number } | null;

export function typingOn(name: string, now: number): Typing {
  return { name, until: now + TYPING_TIMEOUT_MS };
}

export function typingVisible(t: Typing, now: number): string | null {
  return t && now < t.until ? t.name : null;
}
