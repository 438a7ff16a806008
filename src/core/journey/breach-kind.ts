/**
 * The kinds of breach a journey can be about (SPEC section 1). The kind decides the usual time
 * range (timeline.ts), the consistency time before step 7 is offered (forgiveness-gate.ts) and
 * whether the after-cheating exercises and the therapy recommendation appear.
 */
export const BREACH_KINDS = ['infidelity', 'emotional_affair', 'lying', 'broken_promise', 'financial', 'privacy', 'other'] as const;

export type BreachKind = (typeof BREACH_KINDS)[number];

/** Short labels for forms and headings, in Mend's plain words. */
export const BREACH_KIND_LABELS: Readonly<Record<BreachKind, string>> = {
  infidelity: 'Infidelity',
  emotional_affair: 'An emotional affair',
  lying: 'Lying or deception',
  broken_promise: 'A broken promise',
  financial: 'Financial secrecy',
  privacy: 'A privacy violation',
  other: 'Something else',
};

export function isBreachKind(value: string): value is BreachKind {
  return (BREACH_KINDS as readonly string[]).includes(value);
}

/**
 * True for the kinds SPEC calls "after cheating": they get longer ranges, the therapy
 * recommendation, questions and answers, and the trigger log.
 */
export function isAfterCheating(kind: BreachKind): boolean {
  return kind === 'infidelity' || kind === 'emotional_affair';
}
