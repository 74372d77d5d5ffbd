/** E3: a typing indicator clears itself 30 s after its last signal (Chatwoot's receivers do the same). */
export const TYPING_TIMEOUT_MS = 30_000;

export type Typist = { key: string; name: string; note: boolean; until: number };
export type Typing = Typist[];

/** A typing_on: the typist (re)starts their 30 s. */
export function typingOn(state: Typing, t: Omit<Typist, "until">, now: number): Typing {
  return [...state.filter((x) => x.key !== t.key), { ...t, until: now + TYPING_TIMEOUT_MS }];
}

/** A typing_off, or their message arrived. */
export function typingOff(state: Typing, key: string): Typing {
  return state.some((x) => x.key === key) ? state.filter((x) => x.key !== key) : state;
}

/** Who is still typing at `now`, in the order they started. */
export function typingVisible(state: Typing, now: number): Typist[] {
  return state.filter((x) => now < x.until);
}

/** When the next indicator runs out, for the one timer that clears it. */
export function nextExpiry(state: Typing, now: number): number | null {
  const live = typingVisible(state, now);
  return live.length ? Math.min(...live.map((x) => x.until)) : null;
}

/** The catalogue's two typing lines (conversation.thread.typing / typingNote), in the viewer's language. */
export type TypingWords = (key: "typing" | "typingNote", values: { name: string }) => string;

export function typingLine(t: Pick<Typist, "name" | "note">, words: TypingWords): string {
  return words(t.note ? "typingNote" : "typing", { name: t.name });
}
