import { randomInt } from "node:crypto";

const ADJECTIVES = [
  "autumn",
  "bold",
  "calm",
  "crimson",
  "damp",
  "dawn",
  "floral",
  "gentle",
  "hidden",
  "icy",
  "lively",
  "misty",
  "morning",
  "patient",
  "quiet",
  "rapid",
  "silent",
  "snowy",
  "sparkling",
  "steady",
  "summer",
  "wandering",
  "wild",
  "young",
];
const NOUNS = [
  "bird",
  "brook",
  "butterfly",
  "cloud",
  "dew",
  "dream",
  "feather",
  "field",
  "fire",
  "forest",
  "frog",
  "glade",
  "haze",
  "lake",
  "leaf",
  "meadow",
  "moon",
  "pine",
  "river",
  "sea",
  "shadow",
  "sun",
  "thunder",
  "wave",
];

/** A readable name for a contact who gave none (K2), in the spirit of Chatwoot's Haikunator. */
export function friendlyName(): string {
  const pick = (words: string[]) => words[randomInt(words.length)]!;
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${randomInt(1000)}`;
}
