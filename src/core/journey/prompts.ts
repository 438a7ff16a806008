import type { Visibility } from '../visibility/text-visibility.js';
import type { StepKey } from './steps.js';

/** The writing exercises of a journey; an entry names the one it answers. */
export const PROMPT_KEYS = [
  'what_happened',
  'what_hurts',
  'trust_looks_like',
  'why_im_doing_this',
  'forgiveness_reflection',
  'forgiveness_statement',
  'question',
  'answer',
  'trigger',
  'trigger_response',
] as const;

export type PromptKey = (typeof PROMPT_KEYS)[number];

/** Who may write an entry for a prompt, by their role in the breach (roles.ts). */
export type PromptWriter = 'any_partner' | 'hurt' | 'broke_trust';

export interface PromptRule {
  readonly key: PromptKey;
  /** The step whose page shows the prompt. */
  readonly step: StepKey;
  readonly writer: PromptWriter;
  /** Visibilities the author may choose; the first is the default. */
  readonly visibilities: readonly Visibility[];
  /** A sealed pair: each partner writes one, and both open when the second is submitted. */
  readonly sealedPair: boolean;
  /** Only for infidelity and emotional affairs. */
  readonly afterCheatingOnly: boolean;
  /**
   * Available from the day the journey opens instead of when its step opens. Questions and the
   * trigger log are: the hurt partner's questions and bad moments do not wait for an agreement.
   */
  readonly openFromStart: boolean;
  /** The prompt this one replies to (an answer replies to a question), if any. */
  readonly repliesTo: PromptKey | null;
}

function rule(r: PromptRule): PromptRule {
  return r;
}

export const PROMPTS: Readonly<Record<PromptKey, PromptRule>> = {
  what_happened: rule({
    key: 'what_happened',
    step: 'acknowledge',
    writer: 'any_partner',
    visibilities: ['sealed'],
    sealedPair: true,
    afterCheatingOnly: false,
    openFromStart: false,
    repliesTo: null,
  }),
  what_hurts: rule({
    key: 'what_hurts',
    step: 'responsibility',
    writer: 'hurt',
    visibilities: ['shared', 'private'],
    sealedPair: false,
    afterCheatingOnly: false,
    openFromStart: false,
    repliesTo: null,
  }),
  trust_looks_like: rule({
    key: 'trust_looks_like',
    step: 'expectations',
    writer: 'any_partner',
    visibilities: ['sealed'],
    sealedPair: true,
    afterCheatingOnly: false,
    openFromStart: false,
    repliesTo: null,
  }),
  why_im_doing_this: rule({
    key: 'why_im_doing_this',
    step: 'patience',
    writer: 'any_partner',
    visibilities: ['private', 'shared'],
    sealedPair: false,
    afterCheatingOnly: false,
    openFromStart: false,
    repliesTo: null,
  }),
  forgiveness_reflection: rule({
    key: 'forgiveness_reflection',
    step: 'forgive',
    writer: 'hurt',
    visibilities: ['private'],
    sealedPair: false,
    afterCheatingOnly: false,
    openFromStart: false,
    repliesTo: null,
  }),
  forgiveness_statement: rule({
    key: 'forgiveness_statement',
    step: 'forgive',
    writer: 'hurt',
    visibilities: ['private', 'shared'],
    sealedPair: false,
    afterCheatingOnly: false,
    openFromStart: false,
    repliesTo: null,
  }),
  question: rule({
    key: 'question',
    step: 'communicate',
    writer: 'hurt',
    visibilities: ['shared'],
    sealedPair: false,
    afterCheatingOnly: true,
    openFromStart: true,
    repliesTo: null,
  }),
  answer: rule({
    key: 'answer',
    step: 'communicate',
    writer: 'broke_trust',
    visibilities: ['shared'],
    sealedPair: false,
    afterCheatingOnly: true,
    openFromStart: true,
    repliesTo: 'question',
  }),
  trigger: rule({
    key: 'trigger',
    step: 'communicate',
    writer: 'hurt',
    visibilities: ['shared'],
    sealedPair: false,
    afterCheatingOnly: true,
    openFromStart: true,
    repliesTo: null,
  }),
  trigger_response: rule({
    key: 'trigger_response',
    step: 'communicate',
    writer: 'broke_trust',
    visibilities: ['shared'],
    sealedPair: false,
    afterCheatingOnly: true,
    openFromStart: true,
    repliesTo: 'trigger',
  }),
};

export function isPromptKey(value: string): value is PromptKey {
  return (PROMPT_KEYS as readonly string[]).includes(value);
}

/** The prompts that are sealed pairs (steps 1 and 3). */
export const SEALED_PAIR_PROMPTS: readonly PromptKey[] = PROMPT_KEYS.filter((k) => PROMPTS[k].sealedPair);
