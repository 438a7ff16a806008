/** The seven steps of a repair journey, in order (SPEC section 1). */
export const STEP_KEYS = ['acknowledge', 'responsibility', 'expectations', 'patience', 'communicate', 'consistency', 'forgive'] as const;

export type StepKey = (typeof STEP_KEYS)[number];
export type StepNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type StepState = 'locked' | 'open' | 'done';

export const STEP_TITLES: Readonly<Record<StepKey, string>> = {
  acknowledge: 'Acknowledge the problem',
  responsibility: 'Take responsibility',
  expectations: 'Set clear expectations',
  patience: 'Practice patience',
  communicate: 'Communicate openly and often',
  consistency: 'Show consistency',
  forgive: "Forgive, but don't forget",
};

export function stepNumber(key: StepKey): StepNumber {
  return (STEP_KEYS.indexOf(key) + 1) as StepNumber;
}

export function stepKey(number: StepNumber): StepKey {
  return STEP_KEYS[number - 1] as StepKey;
}

export function isStepKey(value: string): value is StepKey {
  return (STEP_KEYS as readonly string[]).includes(value);
}
