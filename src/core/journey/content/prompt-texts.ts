import type { PromptKey } from '../prompts.js';

export interface PromptText {
  /** The visible label of the text box. */
  readonly label: string;
  /** One or two calm sentences under the label. */
  readonly helper: string;
}

/** Labels and helper text for every prompt, written for Mend. */
export const PROMPT_TEXTS: Readonly<Record<PromptKey, PromptText>> = {
  what_happened: {
    label: 'What happened, and how it affected me',
    helper:
      // Who reads it, and when, is said once: beside the form's choice of who can read it (issue #20).
      'Write in your own words, starting from “I”.',
  },
  what_hurts: {
    label: 'What hurts, and what I need',
    helper:
      'Try to describe the hurt rather than the person: “I feel … when … because … I need …”. ' +
      'You can keep this private until you are ready to share it.',
  },
  trust_looks_like: {
    label: 'What trust looks like for me',
    helper: 'Think of things you could notice on an ordinary day. These become the starting point for your agreements.',
  },
  why_im_doing_this: {
    label: 'Why I am doing this',
    helper: 'A few lines for yourself to come back to on a hard day. Share it with your partner if you like.',
  },
  forgiveness_reflection: {
    label: 'My reflection',
    helper: 'Only you can see this. Write about where you are, whatever that is. There is nothing you are ' + 'supposed to feel.',
  },
  forgiveness_statement: {
    label: 'A statement for my partner',
    helper: 'Only if and when you want to. You can write it privately first and share it later, or never.',
  },
  question: {
    label: 'A question I need answered',
    helper: 'Ask one thing at a time. Your partner can answer now, or say when they will.',
  },
  answer: {
    label: 'My answer',
    helper: 'Answer honestly and plainly. If you cannot answer yet, you can say “not now, but I will” and give ' + 'a date.',
  },
  trigger: {
    label: 'A moment that brought it back',
    helper: 'What happened, and how you felt. Noting it is enough; your partner will be asked to respond with ' + 'reassurance.',
  },
  trigger_response: {
    label: 'My reassurance',
    helper: 'Acknowledge what your partner felt, and say what is true now. No defending, no explaining away.',
  },
};
