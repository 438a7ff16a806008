/**
 * Short guidance per apology component for the apology builder. Responsibility and an offer of
 * repair come first: they matter most to whether an apology helps rebuild trust
 * (Lewicki, Polin & Lount, 2016).
 */
import type { ApologyComponent } from '../apology-components.js';

export interface ApologyGuidance {
  key: ApologyComponent;
  label: string;
  hint: string;
  /** True for the two parts research found matter most. */
  mattersMost: boolean;
}

export const APOLOGY_GUIDANCE: readonly ApologyGuidance[] = [
  {
    key: 'responsibility',
    label: 'Taking responsibility',
    hint: 'Say plainly what you did, in your own words and without "but" — this matters most.',
    mattersMost: true,
  },
  {
    key: 'repair',
    label: 'Offering repair',
    hint: 'Offer to make it right, or ask what would help — this matters as much as owning it.',
    mattersMost: true,
  },
  {
    key: 'regret',
    label: 'Regret',
    hint: 'Let your partner hear that you are sorry for what you did, not for how they reacted.',
    mattersMost: false,
  },
  {
    key: 'impact',
    label: 'The impact on your partner',
    hint: 'Show that you understand how it affected them: what it cost them, what they felt.',
    mattersMost: false,
  },
  {
    key: 'change',
    label: 'What will change',
    hint: 'Name something you will do differently, concrete enough that your partner can see it.',
    mattersMost: false,
  },
  {
    key: 'forgiveness',
    label: 'Asking for forgiveness',
    hint: 'Optional: you may ask, and leave the answer and its timing entirely to your partner.',
    mattersMost: false,
  },
];
