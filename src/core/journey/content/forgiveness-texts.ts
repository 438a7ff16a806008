/**
 * Step 7's words. Mend never nudges anyone towards forgiving: these texts are only shown to the
 * hurt partner, on the step's own page, and never in reminders or notifications.
 */
export const FORGIVENESS_TEXTS = {
  /** Shown quietly on the journey page to a hurt partner while step 7 is still closed. */
  earlyChoice:
    'Step 7 opens later in the journey. If you would like to look at it sooner, you can open it yourself. ' +
    'There is no right time, and no need to.',
  earlyChoiceAction: 'Open step 7 now',
  /** Shown when the step is open. */
  openIntro:
    'Nothing here is expected of you. You can write for yourself, share a statement if and when you want ' +
    'to, or leave this page alone.',
  notForgetting: 'Whatever you decide, the breach stays on record, and Mend keeps watching for warning signs.',
} as const;
