import type { ApologyComponent } from '../../apology-components.js';

/** The apology builder's boxes, one per component, in order. */
export const APOLOGY_BUILDER_TEXTS: Readonly<Record<ApologyComponent, { label: string; helper: string }>> = {
  regret: {
    label: 'What I regret',
    helper: 'Say plainly that you are sorry, and for what. “I am sorry that I…”',
  },
  responsibility: {
    label: 'What I take responsibility for',
    helper: 'Name what you did as your choice, without “but”, reasons or anyone else’s part.',
  },
  impact: {
    label: 'What it did to you',
    helper: 'Show that you understand how it affected your partner, in their terms rather than yours.',
  },
  change: {
    label: 'What will change',
    helper: 'Something concrete you will do differently, that your partner could notice.',
  },
  repair: {
    label: 'What I offer to make it right',
    helper: 'An offer of repair. Your partner may accept it, change it, or say no.',
  },
  forgiveness: {
    label: 'Asking for forgiveness (optional)',
    helper: 'You may ask, once and gently, and leave the answer with your partner. Never ask for it as something ' + 'you are owed.',
  },
};
