import type { StepKey } from '../steps.js';

/** What each step is for, in Mend's own words; shown at the top of the step's page. */
export const STEP_PURPOSES: Readonly<Record<StepKey, string>> = {
  acknowledge:
    'Before anything can be repaired, both of you need to name what happened and what it did to you. ' +
    'You each write your side privately, and both open at the same moment, so neither of you writes in ' +
    'reply to the other.',
  responsibility:
    'Here the partner who broke trust offers an apology that owns what they did, without excuses. ' +
    'The partner who was hurt says what hurts and what they need, and answers the apology honestly. ' +
    'Answering is not the same as forgiving.',
  expectations:
    'Trust grows back around things you can both see. Each of you writes what trust looks like for you, ' +
    'and together you turn that into a few concrete agreements you both accept.',
  patience:
    'Rebuilding trust takes longer than most people hope, and some days are harder than others. ' +
    'This step keeps your reasons close, shows how far you have come, and gives you something to hold on ' +
    'a hard day.',
  communicate:
    'Small, regular check-ins keep you talking before things build up. A quick daily pulse, a weekly ' +
    'conversation and a way to ask for reassurance when you need it.',
  consistency:
    'Trust comes back through promises kept again and again. Each agreement has a simple log, and Mend ' +
    'shows honestly how often commitments are kept, including the misses.',
  forgive:
    'This step is here for whenever, and if ever, you want it. Forgiving is a choice that belongs to the ' +
    'person who was hurt, and it does not mean forgetting: what happened stays on record.',
};
