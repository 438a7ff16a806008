/**
 * Divergence: one partner's line rising while the other's falls on the same measure. Mend names it
 * gently, to both, as something to talk about — not as a verdict on either of them.
 */
import type { Verdict } from './trends.js';

export type PulseMeasure = 'safety' | 'trust' | 'closeness';
export const PULSE_MEASURES: readonly PulseMeasure[] = ['safety', 'trust', 'closeness'];

export interface PartnerVerdicts {
  partnerId: string;
  verdicts: Partial<Record<PulseMeasure, Verdict>>;
}

export interface DivergenceFinding {
  measure: PulseMeasure;
  improvingId: string;
  decliningId: string;
  /** Written for both partners; names no one, so it reads the same to each. */
  message: string;
}

const MEASURE_WORDS: Record<PulseMeasure, string> = {
  safety: 'how safe you feel',
  trust: 'trust',
  closeness: 'how close you feel',
};

function messageFor(measure: PulseMeasure): string {
  return (
    `Over the last few weeks, ${MEASURE_WORDS[measure]} has been rising for one of you and ` +
    'falling for the other. That happens often while trust is being rebuilt, and it is worth ' +
    'talking about together — perhaps at your next check-in meeting, with curiosity rather than blame.'
  );
}

/** Findings for each measure where one partner is improving and the other declining. */
export function divergence(partners: readonly PartnerVerdicts[]): DivergenceFinding[] {
  const findings: DivergenceFinding[] = [];
  for (const measure of PULSE_MEASURES) {
    const improving = partners.find((p) => p.verdicts[measure] === 'improving');
    const declining = partners.find((p) => p.verdicts[measure] === 'declining');
    if (improving && declining && improving.partnerId !== declining.partnerId) {
      findings.push({ measure, improvingId: improving.partnerId, decliningId: declining.partnerId, message: messageFor(measure) });
    }
  }
  return findings;
}
