/**
 * The couples-therapy recommendation shown prominently after infidelity or an emotional affair
 * (and available to everyone). Generic guidance written for Mend; no third-party links needed.
 */
export const THERAPY_RECOMMENDATION = {
  title: 'Consider working with a couples therapist',
  intro:
    'Recovering from an affair is one of the hardest things a couple can go through, and many couples find ' +
    'it easier with a trained therapist alongside them. Mend can support that work, but it cannot replace it.',
  howToFind: {
    title: 'How to find a couples therapist',
    steps: [
      'Look for someone who is licensed or registered in your country or region, and who lists couples ' +
        'therapy as a main part of their work.',
      'Ask whether they have experience helping couples after infidelity, and how they usually work with it.',
      'Your doctor, your health insurer, or your country’s professional association for therapists or ' +
        'counsellors can usually point you to people near you or online.',
      'It is fine to have a short first call with two or three people before choosing. Feeling that you can ' +
        'both talk honestly with them matters more than any method.',
      'If one of you is not ready to go, seeing someone on your own is still worthwhile.',
    ],
  },
  invite: {
    title: 'Bringing your therapist into Mend',
    text:
      'Either of you can invite your therapist: Mend makes a link to send them. Their access begins only when both of ' +
      'you agree, and either of you can end it at any time. They see what you both chose to share — never ' +
      'private or still-sealed entries, and never safety answers — and every time they look is recorded ' +
      'for you both to see.',
    /** For one person alone: their consent is the one asked for now. */
    textAlone:
      'You can invite your therapist: Mend makes a link to send them. Their access begins only when you agree, ' +
      'and you can end it at any time. They see what you chose to share — never private or still-sealed ' +
      'entries, and never safety answers — and every time they look is recorded for you to see. If your ' +
      'partner joins, they are asked to agree too.',
  },
  safety:
    'If you are afraid of your partner, or being hurt or controlled, couples therapy is not the right next ' +
    'step. The support page lists services that are for you alone.',
} as const;
