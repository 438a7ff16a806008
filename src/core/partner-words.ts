/**
 * The words a page chooses by whether a partner is there (issue #20, solo mode). A person can use
 * Mend alone: in a space whose partner has not joined yet, or after their partner left (issue #19).
 * Pages ask here rather than each writing its own "if solo" sentences, so one person alone never
 * reads "your partner will be told" when nobody would be, and a couple keeps its own words.
 *
 * - `together`: two partners in the space.
 * - `not_joined`: one partner, and nobody has left — the partner has not joined (yet).
 * - `left`: one partner, and a partner left the space. They are never spoken of as someone "who
 *   has not joined yet".
 */
export type PartnerPresence = 'together' | 'not_joined' | 'left';

/** How many partners are in the space now, and how many left it. */
export function partnerPresence(partnersNow: number, partnersWhoLeft: number): PartnerPresence {
  if (partnersNow >= 2) return 'together';
  return partnersWhoLeft > 0 ? 'left' : 'not_joined';
}

export const isAlone = (p: PartnerPresence): boolean => p !== 'together';

/** What the reassurance page says about asking, or why there is no asking yet. */
export function reassuranceWords(p: PartnerPresence): { lead: string; alone: readonly string[] | null } {
  if (p === 'together') {
    return {
      lead: 'Asking is not weakness. Your partner will be told you asked — never what your note says unless you share it.',
      alone: null,
    };
  }
  const what =
    'Reassurance is for the moments doubt gets loud: you ask your partner for a few steadying words, and they answer here. Your note stays private unless you choose to share it.';
  const elsewhere = 'For now, when a day is hard, the hard day page has things you can do by yourself.';
  return {
    lead: what,
    alone:
      p === 'not_joined'
        ? [what, 'There is no one here to answer yet, so asking opens when your partner joins this space.', elsewhere]
        : [
            what,
            'Your partner left this space, so there is no one here to answer. Asking opens again if they join the space again.',
            elsewhere,
          ],
  };
}

/** The refusal's words when a call for reassurance has no one to answer it (API and page alike). */
export const NO_ONE_TO_ANSWER_REASSURANCE =
  'There is no partner in this space to answer a call for reassurance. Asking opens when a partner joins.';

/**
 * The state word of an active agreement. A commitment made alone (its proposer is also the one who
 * accepted it: nobody else was there) is a promise to oneself, not something "agreed" by two.
 */
export function activeAgreementWords(a: { proposedBy: string; acceptedBy: string | null }, viewerId: string, proposerName: string): string {
  if (a.acceptedBy === null || a.acceptedBy !== a.proposedBy) return 'Agreed';
  return a.proposedBy === viewerId ? 'Your own commitment' : `${proposerName}’s own commitment, made on their own`;
}

/** How a sealed half is named beside the choice, for two or for one person alone. */
export function sealedWords(p: PartnerPresence): { label: string; hint: string } {
  if (p === 'together')
    return { label: 'Sealed until my partner writes theirs', hint: 'Until then only you read it; both open at the same moment.' };
  return {
    label: 'Sealed: my own reflection for now',
    hint:
      p === 'not_joined'
        ? 'Only you read it. If your partner joins and writes theirs, both open at the same moment.'
        : 'Only you read it. If your partner joins again and writes theirs, both open at the same moment.',
  };
}

/** The hard day's steadying card ends here for a person alone: there is no one to ask for reassurance. */
export const HARD_DAY_CLOSING_ALONE = 'When you are ready, read your reasons below. Nothing has to be decided today.';

/** The hint beside "Shared with my partner" for a person alone: nobody reads it yet. */
export const SHARED_HINT_ALONE =
  'Your partner can read it once they are in the space, and so can a therapist you invite. It cannot be made private again, but you can delete it.';

/**
 * What changes when a partner joins, said once on the space home of a person alone (privacy rules:
 * docs/privacy-rules.md; agreements: src/core/journey/agreements.ts).
 */
export const WHEN_A_PARTNER_JOINS: readonly string[] = [
  'What you keep private stays private: they never see it, and neither does a therapist.',
  'They see what you chose to share, and that you checked in on which days; your check-in numbers only if you chose “my partner too”.',
  'A sealed answer of yours opens to both of you only once they have written their own.',
  'Your own commitments stay yours; new agreements become proposals that you both accept or change.',
  'Reassurance opens: you can ask them, and they can answer.',
];

/**
 * A journey prompt's helper for one person alone, where the couple's helper speaks of a partner who
 * is there (keyed by prompt; the others keep their words).
 */
const ALONE_HELPERS: Readonly<Record<string, string>> = {
  // What a sealed half is, alone, is said once beside the form ("Sealed: my own reflection for now").
  trust_looks_like: 'Think of things you could notice on an ordinary day. These become the starting point for your own commitments.',
  why_im_doing_this: 'A few lines for yourself to come back to on a hard day.',
  question: 'Write down what you need to know, so it is ready. It can be asked once your partner is in the space.',
  trigger: 'What happened, and how you felt. Noting it is enough; it helps you see the pattern over time.',
};

export function promptHelper(prompt: string, p: PartnerPresence, coupleHelper: string): string {
  return p === 'together' ? coupleHelper : (ALONE_HELPERS[prompt] ?? coupleHelper);
}

/**
 * Step 3's agreements for two, or a person's own commitments alone: made alone, a commitment is in
 * force at once and needs nobody's consent (src/core/journey/agreements.ts). A transparency agreement
 * needs both partners' consent, so it is not offered to one person alone.
 */
export function agreementWords(p: PartnerPresence): {
  intro: string;
  action: string;
  formTitle: string;
  formLead: string;
  submit: string;
  transparencyOffered: boolean;
} {
  if (p === 'together') {
    return {
      intro:
        'Each agreement names who commits, something the other could notice, and how often. One of you proposes; the other accepts, or suggests a change.',
      action: 'Propose an agreement',
      formTitle: 'Propose an agreement',
      formLead: 'One concrete thing, that the other could notice. Your partner can accept it or suggest a change.',
      submit: 'Propose it',
      transparencyOffered: true,
    };
  }
  return {
    intro:
      'On your own, an agreement is a commitment to yourself: something you will do, that someone could notice, and how often. It is in force as soon as you make it, and you can log how you keep it.',
    action: 'Make a commitment',
    formTitle: 'Make a commitment of your own',
    formLead:
      p === 'not_joined'
        ? 'One concrete thing you will do, that someone could notice. It is your own promise and needs nobody’s consent. If your partner joins, it stays yours, and new agreements become proposals you both accept.'
        : 'One concrete thing you will do, that someone could notice. It is your own promise and needs nobody’s consent.',
    submit: 'Make this commitment',
    transparencyOffered: false,
  };
}

/** The weekly meeting's lead: a couple meets; one person alone looks back on their own, for now. */
export const meetingLead = (alone: boolean): string =>
  alone
    ? 'Once a week, on your own for now: what went well, your commitments and their log, what was hard, and what you want from the week ahead. When your partner is in the space, you meet together.'
    : 'Once a week, together: appreciations, what went well, the agreement log, one concern raised gently, and requests for the week ahead.';

/** Who confirms an occasion in the agreement log: the other partner, or nobody yet. */
export const logReviewWords = (alone: boolean): string =>
  alone
    ? 'On your own, the log is your own record; once your partner is in the space, they can confirm an occasion or say they saw it differently.'
    : 'The other partner confirms it, or says they saw it differently.';

/**
 * The hint of "who sees your check-in numbers" (the check-in page and the settings page). Alone,
 * nobody sees a check-in now: the choice is about a partner who joins later, and covers the past
 * check-ins too.
 */
export function checkinSeenHint(alone: boolean, o: { firstTime: boolean }): string {
  if (!alone)
    return o.firstTime
      ? 'Your partner always sees that you checked in. You decide whether they also see your numbers; a therapist you both invite sees what your partner sees.'
      : 'Your partner always sees that you checked in. This choice covers all your check-ins, past ones too; a therapist you both invite sees what your partner sees.';
  return 'For now nobody else sees your check-ins. When a partner is in your space, they see that you checked in, and your numbers only if you choose “my partner too”. This choice covers all your check-ins, past ones too.';
}

/** Who sees the numbers now, in words (the settings page; alone, the saved check-in's notice too). */
export function checkinSeenNow(alone: boolean, shared: boolean | null): string {
  if (alone) return 'Nobody else sees your check-ins now.';
  if (shared === true) return 'Right now your partner sees your numbers and how your day was.';
  if (shared === false) return 'Right now your partner sees only that you checked in.';
  return 'You have not chosen yet, so your partner sees only that you checked in.';
}

/** The therapist card's consent rule: every partner in the space agrees, and any of them can end it. */
export const therapistConsentWords = (alone: boolean): string =>
  alone
    ? 'You can invite a couples therapist to see what you choose to share. They see nothing until you agree, and you can end their access at any time. If your partner joins, they are asked to agree too.'
    : 'You can invite a couples therapist to see what you both choose to share. They see nothing until both of you agree, and either of you can end their access at any time.';

/** The lead of the weekly meeting's form: a couple sits together; one person alone writes their own. */
export const meetingFormLead = (alone: boolean): string =>
  alone
    ? 'Take the parts in order, on your own for now. Write as much or as little as you like; what you save here is shared with your partner once they are in the space.'
    : 'Sit together and take the parts in order. Write as much or as little as you like; what you save here is shared by both of you.';

/** Why steps 4–6 are not open yet: an agreement both accepted, or, alone, a commitment of one's own. */
export const practicesLockedWords = (alone: boolean): string =>
  alone
    ? 'These practices open once you have made a commitment of your own in step 3.'
    : 'These practices open once you have an agreement you both accepted in step 3.';

/** The last line of the hard check-in's note: nobody is told; alone, there is nobody to tell. */
export const hardCheckinWords = (alone: boolean): { offers: string; privacy: string } =>
  alone
    ? {
        offers: 'a minute to steady yourself, your reasons for doing this work, and people outside Mend you can talk to.',
        privacy: 'Only you see this note.',
      }
    : {
        offers:
          'a minute to steady yourself, your reasons for doing this work, a way to ask for reassurance, and people outside Mend you can talk to.',
        privacy: 'Only you see this note. Your partner is not told.',
      };

/**
 * The weekly meeting's agenda hints for one person alone, where the couple's hints speak of "each of
 * you" or "together" (keyed by agenda part; the others keep their words).
 */
const ALONE_AGENDA_HINTS: Readonly<Record<string, string>> = {
  appreciations: 'Something you noticed and valued this week, however small.',
  agreementLog: 'Look at your log: what you kept, what you missed, what got in the way.',
  concern: 'Just one thing that weighs on you. Try “I feel … when … because … I need …”.',
  requests: 'Small, concrete things you want from the week ahead.',
};

export const agendaHint = (key: string, alone: boolean, coupleHint: string): string =>
  alone ? (ALONE_AGENDA_HINTS[key] ?? coupleHint) : coupleHint;
