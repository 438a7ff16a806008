import type { DailyItem, Phase } from './library.js';

/** How many days back an answered question is kept from coming again. */
export const RECENT_DAYS = 60;

/** A 32-bit FNV-1a hash: a fixed, platform-independent order for each space. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Days since 1970-01-01 of a calendar day (YYYY-MM-DD). */
export function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** The phase's items in the order this space (the `seed`) walks them: fixed for the seed, different between seeds. */
export function orderFor(seed: string, items: readonly DailyItem[], phase: Phase): DailyItem[] {
  return items
    .filter((i) => i.phase === phase)
    .map((i) => ({ i, h: hash(`${seed}:${i.id}`) }))
    .sort((x, y) => x.h - y.h || (x.i.id < y.i.id ? -1 : 1))
    .map((x) => x.i);
}

/**
 * The question of a day: the space walks its own order of the phase's items one a day, so two
 * days within one round of the list never share a question, and the same space, day and phase
 * always give the same one (both partners see it, on any server, without storing it). A question
 * answered within RECENT_DAYS (the phase changed back, say) is passed over for the next one.
 * Null only when the phase has no items.
 */
export function questionOfDay(input: {
  seed: string;
  day: string;
  phase: Phase;
  items: readonly DailyItem[];
  recent?: ReadonlySet<string>;
}): DailyItem | null {
  const order = orderFor(input.seed, input.items, input.phase);
  if (order.length === 0) return null;
  const start = ((dayNumber(input.day) % order.length) + order.length) % order.length;
  for (let k = 0; k < order.length; k++) {
    const item = order[(start + k) % order.length]!;
    if (!input.recent?.has(item.id)) return item;
  }
  return order[start]!;
}
