/**
 * Sizes and randomness for the reliability suites (SPEC §14). `npm test` runs them bounded;
 * `npm run test:reliability` sets RELIABILITY_SCALE=full for thousands of messages and cases. Every
 * random choice comes from one seeded generator: the seed is printed, and RELIABILITY_SEED=<seed>
 * replays a run's inputs.
 */
export const FULL_SCALE = process.env.RELIABILITY_SCALE === "full";

/** `bounded` under `npm test`, `full` under `npm run test:reliability`. */
export function scaled<T>(bounded: T, full: T): T {
  return FULL_SCALE ? full : bounded;
}

export type Rng = {
  seed: number;
  /** [0, 1) */
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  /** An independent generator for one part of a run (a route, say), so running that part alone replays it. */
  fork(label: string): Rng;
};

/** A seeded generator (mulberry32), logged once per suite so a failure can be replayed. */
export function seededRandom(suite: string): Rng {
  const fromEnv = Number(process.env.RELIABILITY_SEED);
  const seed = Number.isInteger(fromEnv) && process.env.RELIABILITY_SEED ? fromEnv >>> 0 : Math.floor(Math.random() * 2 ** 32);
  console.info(`[reliability] ${suite}: RELIABILITY_SEED=${seed} (scale ${FULL_SCALE ? "full" : "bounded"})`);
  return generator(seed);
}

function generator(seed: number): Rng {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const fork = (label: string) => {
    let h = seed ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    const forked = generator(h >>> 0);
    return { ...forked, seed };
  };
  return { seed, next, int, pick: (xs) => xs[int(xs.length)]!, chance: (p) => next() < p, fork };
}
