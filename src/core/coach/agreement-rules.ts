/**
 * Rules for agreements: wording that cannot be observed ("try", "better", "be honest") versus a
 * behaviour your partner could see, with a when or how often.
 */
import { type Rule } from './text.js';
import type { CoachFinding } from './types.js';
import { makeFinding } from './text.js';

export const AGREEMENT_FINDING_TYPES = ['hedge', 'comparative', 'abstract', 'no-when'] as const;

export const AGREEMENT_RULES: readonly Rule[] = [
  {
    type: 'hedge',
    pattern:
      /\b(?:try|tries|trying|attempt|do (?:my|our|your) best|make (?:an|more of an|every|a real) effort|when(?:ever)? (?:i|we) can|when(?:ever)? you need (?:me|it|to)|if (?:i|we) can|as much as (?:i|we) can|as much as possible|should|hopefully|aim to)\b/g,
    explanation: 'This leaves room to not do it; an agreement is easier to keep, and to trust, when it says what will happen.',
  },
  {
    type: 'comparative',
    pattern: /\b(?:better|more|less|fewer|improve|improving|earlier|sooner|harder|nicer|kinder|closer)\b(?!\s+than\s+(?:\$|£|€)?\d)/g,
    explanation: 'Compared with what? A number or an occasion makes it something you can both see.',
  },
  {
    type: 'abstract',
    pattern:
      /\b(?:work on|working on|be (?:more\s+|completely\s+|totally\s+|fully\s+)?(?:honest|open|present|supportive|transparent|careful|patient|respectful|there for|loving|attentive|considerate|available|trustworthy|faithful|nice|kind)|communicat(?:e|ion|ing)|respect (?:you|each other|me)|pay attention|keep (?:you|me|each other) (?:informed|posted|updated|in the loop)|stop (?:lying|hiding|cheating|being)|change my ways|make (?:it|this) work|be a better|listen to you|show (?:you )?(?:i care|more love)|prioriti[sz]e (?:you|us)|support (?:you|each other|me|one another)|think before|give (?:you|each other|me) (?:some )?space|be there (?:for|when))\b/g,
    explanation: 'This is a good intention, but hard to see; what would your partner notice you doing?',
  },
];

const WHEN =
  /\b(?:every|each|daily|nightly|weekly|monthly|fortnightly|once|twice|three times|\d+\s*(?:am|pm|:\d\d)|at (?:\d|noon|midnight|lunch|dinner|breakfast|bedtime|the (?:next|start|end))|by \d|before|after|within|whenever|the same day|on the day|that day|in advance|ahead|tonight|tomorrow|today|right now|now|this (?:morning|afternoon|evening|week|weekend|month|friday|saturday|sunday|monday|tuesday|wednesday|thursday)|next (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the end|noon|tonight|tomorrow)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on (?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekdays|weeknights|weekends|the (?:first|last))|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekdays|weeknights|during|until|while|as soon as|on the \d+(?:st|nd|rd|th)?|on (?:my|the|your) way|when (?:i|you|we|he|she|they)\b|if (?:i|i'm|he|she|they|you|we|anyone|someone)\b|lunchtime|morning|evening|at night|every other)\b/;

/** A "no-when" finding covering the agreement when it says nothing about when or how often. */
export function missingWhen(text: string, folded: string): CoachFinding | null {
  if (WHEN.test(folded)) return null;
  const start = folded.search(/\S/);
  if (start < 0) return null;
  const end = folded.trimEnd().length;
  return makeFinding(text, 'no-when', start, end, 'This does not say when or how often, so neither of you can tell whether it happened.');
}

const QUESTIONS: Record<string, string> = {
  hedge: 'What exactly will you do — and when, or how often?',
  comparative: 'How would you both know it is "more" or "better": what, and how often?',
  abstract: 'What would your partner see or hear you do, and on what occasion?',
  'no-when': 'When will it happen, or how often — every evening, each Sunday, within an hour of …?',
};

export function concreteQuestion(findings: readonly CoachFinding[]): string {
  const first = findings[0];
  return (first && QUESTIONS[first.type]) ?? QUESTIONS['no-when'] ?? '';
}
