/**
 * One call shared by the streams of a process that ask for the same thing within `ms` (B4). Every
 * stream heartbeats presence every 15 s and re-reads its audience every 60 s; a user with many streams
 * on one instance (tabs, devices, a token used by a script) would otherwise cost one coordination write
 * and two queries per stream per period — at 10,000 idle streams of one agent, ≈ 670 writes and ≈ 330
 * queries a second, whose queued work outweighed the streams' own memory. A failed call is not shared
 * afterwards, so the next stream tries again.
 *
 * `owner` is the store or database the call goes to: a different one (a test's fresh store) shares
 * nothing with the last.
 */
type Recent = Map<string, { at: number; value: Promise<unknown> }>;
const byOwner = new WeakMap<object, Recent>();

export function shareAmongStreams<T>(owner: object, key: string, run: () => Promise<T>, ms = 5_000): Promise<T> {
  let recent = byOwner.get(owner);
  if (!recent) byOwner.set(owner, (recent = new Map()));
  const now = Date.now();
  const hit = recent.get(key);
  if (hit && now - hit.at < ms) return hit.value as Promise<T>;
  if (recent.size >= 1_000) for (const [k, v] of recent) if (now - v.at >= ms) recent.delete(k);
  const value = run();
  const entry = { at: now, value };
  recent.set(key, entry);
  value.catch(() => {
    if (recent.get(key) === entry) recent.delete(key);
  });
  return value;
}
