import type { ViewerRole } from '../roles.js';

/**
 * The decision guide ("Can trust always be rebuilt?") in each reader's own words (issue #20). It
 * never asks anyone to forgive, to stay or to leave: it offers questions to sit with and says that
 * either answer can be a good one. Written for Mend.
 */
export type GuideReader = 'hurt' | 'broke_trust' | 'both' | 'alone' | 'therapist' | 'partner';

export interface GuideText {
  /** The line under the page's heading. */
  readonly lead: string;
  /** Before the questions: what they are for, for this reader. */
  readonly intro: string;
  readonly questions: readonly string[];
  /** Where this reader can find help of their own. */
  readonly support: string;
}

const PRIVATE = 'This page is only for you: Mend keeps no record that you opened it, and your partner is never told.';

export const DECISION_GUIDE: Readonly<Record<GuideReader, GuideText>> = {
  hurt: {
    lead: `Not always — and if it cannot be, that is not your failure. ${PRIVATE}`,
    intro:
      'You do not owe forgiveness, and you do not owe a decision by any date. These questions are for noticing where you are, not for reaching an answer today.',
    questions: [
      'When you picture the next year together, what do you feel first — hope, dread, or something else?',
      'Is your partner doing the work without being pushed: answering your questions, keeping agreements, owning what they miss?',
      'Do you feel safe with them — in your body, with money, with friends — when you disagree?',
      'Are you staying because you want this relationship, or because leaving feels impossible right now? For a while both can be true.',
      'Has there been change you can point to, or mostly promises?',
      'If a close friend told you this story, what would you hope for them?',
      'What would you need to see in the next three months to feel this is worth continuing — and what would tell you it is not?',
    ],
    support: 'A counsellor of your own — not a couples therapist — can help you think this through without pressure from either side.',
  },
  broke_trust: {
    lead: `Not always. Whether it comes back is not yours to decide alone, and it cannot be hurried. ${PRIVATE}`,
    intro:
      'What is yours is how you show up while your partner decides, and what you want for yourself. None of these questions has a right answer; they are for you, not for your partner.',
    questions: [
      'Am I doing this work because I want this relationship, or mainly to make the discomfort stop?',
      'Do I answer my partner’s questions fully — the ones I would rather not, too — or do I wait to be asked twice?',
      'When I miss an agreement, do I say so first, before it is noticed?',
      'Can I hear my partner’s hurt without defending, explaining, or asking them to move on?',
      'Am I asking for forgiveness, out loud or in small ways, before they are ready to give it?',
      'If my partner decides they cannot stay, could I accept that without blaming them for it?',
      'What do I need to keep going — and who outside this relationship can I get it from?',
    ],
    support:
      'A therapist of your own can help with shame, with what led to the breach, and with staying steady while your partner decides — so that your partner does not have to carry that too.',
  },
  both: {
    lead: `Not always, from either side — and that is not a failure. ${PRIVATE}`,
    intro:
      'Here each of you hurt the other. It can help to look at each side on its own: what you need to see from your partner, and what you are offering them. Neither side cancels the other.',
    questions: [
      'When you picture the next year together, what do you feel first — hope, dread, or something else?',
      'What would you need to see from your partner to feel safe again — and have you been able to say it?',
      'What are you offering for your side: full answers, agreements kept, misses owned before they are noticed?',
      'Do you feel safe with each other when you disagree?',
      'Are you staying because you want this relationship, or because leaving feels impossible right now?',
      'If a close friend told you this story, what would you hope for them?',
    ],
    support: 'A counsellor of your own — not a couples therapist — can help you untangle your two sides without pressure from either.',
  },
  alone: {
    lead: 'Not always — and that is not a failure. This page is only for you: Mend keeps no record that you opened it.',
    intro:
      'You are using Mend on your own for now. Whether or not your partner ever joins, you can think about what you want at your own pace. Nothing you notice here commits you to anything.',
    questions: [
      'What do I want my life to look like a year from now — and what do I fear?',
      'What have I seen, not only heard, since this came out?',
      'Do I feel safe in this relationship when we disagree?',
      'What would I need to begin rebuilding, and have I been able to ask for it?',
      'Am I staying, or thinking of leaving, because I want to — or because the other way feels impossible right now?',
      'If a close friend told me this story, what would I hope for them?',
    ],
    support: 'A counsellor of your own can help you decide without pressure from anyone.',
  },
  therapist: {
    lead: 'Each partner can open this page on their own, in words written for their side. Neither is told when the other opens it, and Mend keeps no record of who read it.',
    intro:
      'It offers questions to sit with, the signals Mend has seen for that partner, support outside the couple, and how to leave the space well. It does not tell anyone to stay, to leave or to forgive. Below are the questions each partner is given.',
    questions: [],
    support:
      'The guide suggests a counsellor of one’s own, apart from couples work, and help outside Mend for anyone who is afraid of their partner.',
  },
  partner: {
    lead: `Not always — and that is not a failure. ${PRIVATE}`,
    intro: 'There is no score here. These questions are for noticing where you are, not for reaching an answer today.',
    questions: [
      'When you picture the next year together, what do you feel first — hope, dread, or something else?',
      'Do you feel safe with your partner when you disagree?',
      'Are you staying because you want this relationship, or because leaving feels impossible right now?',
      'Has there been change you can point to, or mostly promises?',
      'If a close friend told you this story, what would you hope for them?',
    ],
    support: 'A counsellor of your own, apart from the work you do together, can help you think about what you want without pressure.',
  },
};

/** Who is reading: a therapist, someone alone in their space, or a partner in their role in the current breach. */
export function guideReader(o: { isPartner: boolean; solo: boolean; role: ViewerRole | null }): GuideReader {
  if (!o.isPartner) return 'therapist';
  if (o.solo) return 'alone';
  if (o.role === 'hurt' || o.role === 'broke_trust' || o.role === 'both') return o.role;
  return 'partner';
}
