/**
 * The "hard day" page of step 4: the user's own why, the partner's shared why, this short
 * grounding exercise (written for Mend), and a way to ask for reassurance.
 */
export const HARD_DAY = {
  title: 'A hard day',
  intro: 'Hard days are part of this, even when things are going well overall. One hard day does not undo ' + 'the work you have done.',
  grounding: {
    title: 'A minute to steady yourself',
    steps: [
      'Put both feet on the floor and notice what is under you.',
      'Breathe in slowly while you count to four, and out while you count to six. Do this four times.',
      'Name three things you can see, two you can hear, and one you can touch.',
      'Say to yourself: “This feeling is strong, and it will pass. I do not have to decide anything right now.”',
    ],
    closing: 'When you are ready, read your reasons below, or ask your partner for reassurance.',
  },
  ownWhyHeading: 'Why I am doing this',
  partnerWhyHeading: 'Why my partner is doing this',
  noOwnWhy: 'You have not written your reasons yet. You can do that in step 4 whenever you like.',
  reassuranceAction: 'I need reassurance',
  reassuranceHelper: 'Your partner will be told you asked. You can add a note, or not.',
  support: {
    title: 'If it is more than a hard day',
    text:
      'If you feel afraid or unsafe, or the day is too heavy to carry, you deserve support of your own, outside ' +
      'Mend. Talking to someone there is free and confidential, and your partner is not told.',
  },
  noJourneyYet: 'When you start a journey, this page will also show your reasons for doing this work, and your partner’s.',
} as const;
