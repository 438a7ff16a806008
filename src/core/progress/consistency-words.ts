/**
 * The consistency estimate (consistency.ts) said as a person would say it, with how sure it is:
 * "Kept about 8 in 10 times so far, but with only 6 occasions that could be anywhere from 5 to 10
 * in 10." Never a bare decimal, never a band around nothing, and never a firm-sounding figure from
 * a handful of occasions (docs/progress.md, "The consistency estimate in words").
 */
import type { ConsistencyScore } from './consistency.js';

/** Below this many occasions the sentence always says how few there are and gives a range, never one figure. */
export const FEW_OCCASIONS = 10;
/** At or above this many occasions, and with a range no wider than FIRM_TENTHS, it is said as fairly firm. */
export const FIRM_OCCASIONS = 20;
export const FIRM_TENTHS = 2;

export const NOTHING_LOGGED = 'Too early to say: no occasions logged yet.';

const tenths = (x: number) => Math.min(10, Math.max(0, Math.round(x * 10)));
const occasionsWord = (n: number) => (n === 1 ? '1 occasion' : `${n} occasions`);

/** The estimate and its likely range, in tenths; the range always holds the estimate. */
export function consistencyTenths(c: Pick<ConsistencyScore, 'score' | 'low' | 'high' | 'occasions'>): {
  about: number;
  low: number;
  high: number;
} {
  const about = tenths(c.score);
  let low = Math.min(tenths(c.low), about);
  let high = Math.max(tenths(c.high), about);
  // With few occasions nothing is certain: a range of one figure would claim it was.
  if (c.occasions < FEW_OCCASIONS && low === high) {
    if (high < 10) high += 1;
    else low -= 1;
  }
  return { about, low, high };
}

export function consistencySentence(c: Pick<ConsistencyScore, 'score' | 'low' | 'high' | 'occasions'>): string {
  if (c.occasions <= 0) return NOTHING_LOGGED;
  const { about, low, high } = consistencyTenths(c);
  const range = low === high ? `${about} in 10` : `anywhere from ${low} to ${high} in 10`;
  if (c.occasions < FEW_OCCASIONS)
    return `Kept about ${about} in 10 times so far, but with only ${occasionsWord(c.occasions)} that could be ${range}.`;
  if (c.occasions >= FIRM_OCCASIONS && high - low <= FIRM_TENTHS)
    return `Kept about ${about} in 10 times, a fairly firm figure from ${occasionsWord(c.occasions)}: most likely ${low === high ? `${about} in 10` : `between ${low} and ${high} in 10`}.`;
  return `Kept about ${about} in 10 times so far; from ${occasionsWord(c.occasions)} it could be ${range}, and it will firm up as more is logged.`;
}
