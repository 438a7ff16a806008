import type { ViewerRole } from '../roles.js';

/**
 * Sentence starters for step 1's "what happened and how it affected me". They help people begin
 * with "I", describe rather than accuse, and stay with one moment at a time.
 */
export const SENTENCE_STARTERS = {
  /** For the partner who broke trust. */
  brokeTrust: [
    'I know I hurt you when…',
    'What I did was…',
    'I kept it from you by…',
    'I think it changed things for you because…',
    'What I regret most is…',
    'I have been avoiding saying…',
  ],
  /** For the partner who was hurt. */
  hurt: [
    'I feel betrayed because…',
    'When I found out, I…',
    'Since then I have noticed that I…',
    'The part that hurts most is…',
    'I find it hard to believe you when…',
    'What I miss about us is…',
  ],
  /** For either partner. */
  either: ['What I want you to understand is…', 'I am afraid that…', 'Something I have not said yet is…', 'I still care about…'],
} as const;

/** The starters offered to someone in this role; both sets when each broke trust. */
export function sentenceStartersFor(role: ViewerRole): readonly string[] {
  switch (role) {
    case 'broke_trust':
      return [...SENTENCE_STARTERS.brokeTrust, ...SENTENCE_STARTERS.either];
    case 'hurt':
      return [...SENTENCE_STARTERS.hurt, ...SENTENCE_STARTERS.either];
    case 'both':
      return [...SENTENCE_STARTERS.brokeTrust, ...SENTENCE_STARTERS.hurt, ...SENTENCE_STARTERS.either];
    case 'none':
      return SENTENCE_STARTERS.either;
  }
}
