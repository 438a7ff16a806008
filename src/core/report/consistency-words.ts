import type { ConsistencyScore } from '../progress/consistency.js';

/**
 * The consistency estimate in plain words, with how sure it is: "about 7 in 10" rather than
 * "0.70 (0.52–0.85)". The estimate and its 90% interval are the consistency score's
 * (core/progress/consistency.ts); this only says them.
 */
export interface ConsistencyWords {
  /** "About 7 in 10 occasions kept", or that nothing is logged. */
  readonly estimate: string;
  /** The range it is likely in and how firm it is; empty when nothing is logged. */
  readonly uncertainty: string;
}

const tenths = (x: number) => Math.min(10, Math.max(0, Math.round(x * 10)));
const occasionsWord = (n: number) => (n === 1 ? '1 occasion' : `${n} occasions`);

/** How wide the 90% interval may be, in tenths, for each way of saying how firm the estimate is. */
export const FIRM_WIDTH = 0.25;
export const ROUGH_WIDTH = 0.5;

export function consistencyWords(score: Pick<ConsistencyScore, 'score' | 'low' | 'high' | 'occasions'>): ConsistencyWords {
  if (score.occasions === 0) return { estimate: 'Nothing logged yet, so there is no estimate.', uncertainty: '' };
  const about = tenths(score.score);
  const low = Math.min(tenths(score.low), about);
  const high = Math.max(tenths(score.high), about);
  const estimate = `About ${about} in 10 occasions kept, as the log counts them, with recent weeks counting most.`;
  const range = low === high ? `Very likely ${about} in 10` : `Likely somewhere between ${low} and ${high} in 10`;
  const width = score.high - score.low;
  const firmness =
    width >= ROUGH_WIDTH
      ? `an early guess from ${occasionsWord(score.occasions)} logged; it will be clearer as more is logged`
      : width >= FIRM_WIDTH
        ? `from ${occasionsWord(score.occasions)} logged; it will firm up as more is logged`
        : `a fairly firm estimate from ${occasionsWord(score.occasions)} logged`;
  return { estimate, uncertainty: `${range}: ${firmness}.` };
}
