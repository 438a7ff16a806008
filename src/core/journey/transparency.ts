import { addDays } from '../time.js';
import { TRANSPARENCY_MAX_DAYS, type Cadence } from './agreements.js';
import { isAfterCheating, type BreachKind } from './breach-kind.js';

/**
 * Transparency agreements (SPEC section 1, "after cheating"): starting points for agreements in
 * which one partner chooses to tell the other something, for a set time, revisable like any
 * proposal and in force only once both agree. Each is about telling, never about being watched:
 * none asks for a phone, a password, a location or messages, and Mend has no such feature.
 * Written for Mend.
 */
export interface TransparencyTemplate {
  readonly id: string;
  /** A short name for the list. */
  readonly name: string;
  /** The agreement's words, to be made the couple's own before proposing, as the one who commits says them. */
  readonly text: string;
  /** The same words as the hurt partner asks them of the other, when it is they who propose. */
  readonly askedText: string;
  readonly cadence: Cadence;
  /** How long it runs by default, in days (its end can be set sooner, or later up to the limit). */
  readonly days: number;
}

export const TRANSPARENCY_TEMPLATES: readonly TransparencyTemplate[] = [
  {
    id: 'contact',
    name: 'Telling about contact',
    text: 'When I am in contact with that person, in any way, I tell you within a day, and what it was about.',
    askedText: 'When you are in contact with that person, in any way, you tell me within a day, and what it was about.',
    cadence: 'each_time',
    days: 42,
  },
  {
    id: 'approach',
    name: 'If they get in touch',
    text: 'If that person gets in touch with me, I tell you the same day, and I do not answer before we have talked about it.',
    askedText: 'If that person gets in touch with you, you tell me the same day, and you do not answer before we have talked about it.',
    cadence: 'each_time',
    days: 42,
  },
  {
    id: 'plans',
    name: 'Changed plans',
    text: 'When my plans for the day change, I tell you before they change, not afterwards.',
    askedText: 'When your plans for the day change, you tell me before they change, not afterwards.',
    cadence: 'each_time',
    days: 28,
  },
  {
    id: 'evening',
    name: 'An honest end of the day',
    text: 'Each evening I tell you how my day went, including anything I would rather leave out.',
    askedText: 'Each evening you tell me how your day went, including anything you would rather leave out.',
    cadence: 'daily',
    days: 28,
  },
  {
    id: 'questions',
    name: 'Time for questions',
    text: 'Once a week we set aside half an hour in which you can ask me about what happened, and I answer as truthfully as I can.',
    askedText: 'Once a week we set aside half an hour in which I can ask you about what happened, and you answer as truthfully as you can.',
    cadence: 'weekly',
    days: 56,
  },
];

/** Whether step 3 of a journey about this kind of breach offers transparency agreements. */
export function transparencyOffered(kind: BreachKind): boolean {
  return isAfterCheating(kind);
}

export function transparencyTemplate(id: string): TransparencyTemplate | undefined {
  return TRANSPARENCY_TEMPLATES.find((t) => t.id === id);
}

/**
 * The proposal form filled from a template: the partner who broke trust commits (the viewer, or
 * their partner when the hurt partner proposes — then in words that ask it of them, so the card
 * never shows one partner committing to a promise in the other's voice), and it ends after the
 * template's days, never later than the limit.
 */
export function templateFormValues(
  template: TransparencyTemplate,
  today: string,
  viewerBrokeTrust: boolean,
): { text: string; cadence: Cadence; reviewOn: string; who: 'me' | 'partner' } {
  return {
    text: viewerBrokeTrust ? template.text : template.askedText,
    cadence: template.cadence,
    reviewOn: addDays(today, Math.min(template.days, TRANSPARENCY_MAX_DAYS)),
    who: viewerBrokeTrust ? 'me' : 'partner',
  };
}
