// Deterministic randomness for the demo seed: a seeded PRNG and the picks built on it.
import { createHash } from "node:crypto";

export type Rng = () => number;

export const MINUTE = 60_000;

/** mulberry32: tiny and deterministic, which is all demo content needs. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedOf(key: string): number {
  return createHash("sha256").update(`seed:${key}`).digest().readUInt32BE(0);
}

export function between(rng: Rng, min: number, max: number): number {
  return min + rng() * (max - min);
}

/** A whole number of minutes in [min, max), in milliseconds. */
export function minutes(rng: Rng, min: number, max: number): number {
  return Math.floor(between(rng, min, max)) * MINUTE;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return at(items, Math.floor(rng() * items.length));
}

export function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = sum(entries.map(([, weight]) => weight));
  let roll = rng() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return at(entries, entries.length - 1)[0];
}

/** `count` items cycling through `items` in shuffled order, so every topic gets its turn. */
export function deal<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const deck = Array.from({ length: count }, (_, i) => at(items, i % items.length));
  for (let i = deck.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [deck[i], deck[j]] = [at(deck, j), at(deck, i)];
  }
  return deck;
}

export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`demo seed: no item at index ${index}`);
  return item;
}

export function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
