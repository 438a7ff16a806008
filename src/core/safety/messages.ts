/**
 * What Mend says around the safety screening. Plain, calm and warm; never blaming, never telling
 * anyone what they must do. Pages render these as they are, one paragraph per string.
 */

export interface SafetyMessage {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

/** Shown with the resources after a positive screen. */
export const POSITIVE_SCREEN_MESSAGE: SafetyMessage = {
  title: 'Thank you for answering honestly',
  paragraphs: [
    'Some of what you told us is about feeling afraid, being hurt, or being controlled. ' +
      'Nobody deserves that, whatever else has happened between you, and it is not your fault.',
    'While there is fear or violence in a relationship, working on it as a couple is not ' +
      'advised — not here, and not in couples therapy. Talking openly can be unsafe when one ' +
      'partner is afraid of the other, and the work can be turned against the person at risk.',
    'What helps most now is support for you on your own: someone trained, outside the ' +
      'relationship, who can listen and help you think about what you want and how to stay safe. ' +
      'The services on this page are free and confidential, and talking to them does not commit you ' +
      'to anything.',
    'Your partner is never told about this screening or your answers, and neither is a ' +
      'therapist. You can keep using Mend on your own, or stop, at your own pace.',
  ],
};

/** Shown after a negative screen: no verdict of "safe", and the door left open. */
export const NEGATIVE_SCREEN_MESSAGE: SafetyMessage = {
  title: 'Thank you for answering',
  paragraphs: [
    'We will ask again in four weeks, because things can change.',
    'If you ever feel afraid of your partner, or unsafe at home, the support page lists people ' +
      'you can talk to in confidence. It is always one step away, from the menu on every page.',
  ],
};

/** "How to stay safe using Mend": the short note beside the resources and on the support page. */
export const STAY_SAFE_TIPS: readonly { readonly title: string; readonly text: string }[] = [
  {
    title: 'Leave quickly',
    text:
      'The "Quick exit" button on every page, or pressing Escape three times, signs you out and ' +
      'takes you straight to an everyday website, so the Back button shows only the sign-in page. ' +
      'You can choose in your settings to stay signed in instead.',
  },
  {
    title: 'Your answers stay with you',
    text:
      'Your partner cannot see your safety answers, whether you answered, or when — and neither ' +
      'can a therapist. Mend never sends emails or notifications about them.',
  },
  {
    title: 'Browse privately',
    text:
      'If someone else uses or checks your device, open Mend and support websites in a private ' +
      'or incognito window, so they leave no history behind. Calls and texts to a helpline may ' +
      'show in your phone log: consider a phone your partner does not use or check.',
  },
  {
    title: 'Keep your password to yourself',
    text:
      'If your partner might know your password, change it, and use "Sign out everywhere" in ' +
      'your account settings to end every other session.',
  },
  {
    title: 'In danger right now',
    text: 'Call your emergency number. It comes first in the list of resources.',
  },
];
