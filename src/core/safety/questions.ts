/**
 * The safety screening's questions, written for Mend (not taken from an existing instrument).
 *
 * Every question uses the same three-step frequency scale. A single scale keeps the screening quick
 * to answer under stress, and "sometimes" gives people who play things down ("it only happened
 * once") an honest answer that still counts — a yes/no question invites "no" in that case.
 * See docs/safety.md for the scoring rule and why each question is there.
 */

export const SCREENING_ANSWERS = ['never', 'sometimes', 'often'] as const;
export type ScreeningAnswer = (typeof SCREENING_ANSWERS)[number];

/** Labels shown beside each answer, in scale order. */
export const SCREENING_ANSWER_LABELS: Readonly<Record<ScreeningAnswer, string>> = {
  never: 'Never',
  sometimes: 'Once or sometimes',
  often: 'Often',
};

export type ScreeningTopic = 'harm' | 'threat' | 'fear' | 'verbal' | 'control';

export interface ScreeningQuestion {
  /** Stable id, stored with the answers and named in a positive screen's reasons. */
  readonly id: string;
  readonly topic: ScreeningTopic;
  /** The question as the user reads it, after the shared introduction. */
  readonly text: string;
  /**
   * The lowest answer that makes the screen positive on its own. Harm, threats, fear and control
   * count at "sometimes": once is enough to recommend support. Shouting and put-downs happen in
   * many strained couples, so alone they count at "often" (see also VERBAL_PATTERN_IDS).
   */
  readonly positiveFrom: Exclude<ScreeningAnswer, 'never'>;
}

export const SCREENING_INTRO =
  'These questions are about the last two months. There are no right answers. ' +
  'Only you will ever see what you answer here — not your partner, not a therapist, and not even ' +
  'that you answered.';

export const SCREENING_QUESTIONS = [
  {
    id: 'physical_harm',
    topic: 'harm',
    text: 'How often has your partner pushed, grabbed, slapped, hit, choked or in any other way physically hurt you?',
    positiveFrom: 'sometimes',
  },
  {
    id: 'sexual_pressure',
    topic: 'harm',
    text: 'How often has your partner pressured or forced you into anything sexual you did not want?',
    positiveFrom: 'sometimes',
  },
  {
    id: 'threatened',
    topic: 'threat',
    text: 'How often has your partner threatened to hurt you, someone you love, a pet, or themselves, or to take something or someone away from you?',
    positiveFrom: 'sometimes',
  },
  {
    id: 'afraid',
    topic: 'fear',
    text: 'How often have you felt afraid of your partner, or of how they might react to something you say or do?',
    positiveFrom: 'sometimes',
  },
  {
    id: 'screamed_at',
    topic: 'verbal',
    text: 'How often has your partner screamed or yelled at you?',
    positiveFrom: 'often',
  },
  {
    id: 'put_down',
    topic: 'verbal',
    text: 'How often has your partner insulted you, called you names, or put you down, alone or in front of others?',
    positiveFrom: 'often',
  },
  {
    id: 'money_control',
    topic: 'control',
    text: 'How often has your partner kept money from you, or controlled what you may spend, in a way you did not agree to?',
    positiveFrom: 'sometimes',
  },
  {
    id: 'phone_control',
    topic: 'control',
    text: 'How often has your partner gone through your phone or messages, tracked where you are, or demanded your passwords, without your free agreement?',
    positiveFrom: 'sometimes',
  },
  {
    id: 'isolation',
    topic: 'control',
    text: 'How often has your partner stopped you from seeing friends or family, or made it hard for you to?',
    positiveFrom: 'sometimes',
  },
] as const satisfies readonly ScreeningQuestion[];

export type ScreeningQuestionId = (typeof SCREENING_QUESTIONS)[number]['id'];

export const SCREENING_QUESTION_IDS: readonly ScreeningQuestionId[] = SCREENING_QUESTIONS.map((q) => q.id);

/**
 * Shouting and put-downs that both happen "sometimes" make a pattern of verbal aggression,
 * which counts as positive even though neither does alone.
 */
export const VERBAL_PATTERN_IDS: readonly ScreeningQuestionId[] = ['screamed_at', 'put_down'];

/** A complete set of answers: one per question. */
export type ScreeningAnswers = Readonly<Record<ScreeningQuestionId, ScreeningAnswer>>;

export function isScreeningQuestionId(value: string): value is ScreeningQuestionId {
  return (SCREENING_QUESTION_IDS as readonly string[]).includes(value);
}

export function isScreeningAnswer(value: unknown): value is ScreeningAnswer {
  return typeof value === 'string' && (SCREENING_ANSWERS as readonly string[]).includes(value);
}

/** Position of an answer on the scale: never 0, sometimes 1, often 2. */
export function answerRank(answer: ScreeningAnswer): number {
  return SCREENING_ANSWERS.indexOf(answer);
}
