import type { EntryFact, JourneyFacts } from './facts.js';

/**
 * The "why I am doing this" entries the hard-day page shows: the viewer's own (any visibility)
 * and the partner's shared ones only — never the partner's private reasons.
 */
export function hardDayReasons(facts: JourneyFacts, viewerId: string): { own: EntryFact[]; partner: EntryFact[] } {
  const whys = facts.entries.filter((e) => e.prompt === 'why_im_doing_this');
  return {
    own: whys.filter((e) => e.authorId === viewerId),
    partner: whys.filter((e) => e.authorId !== viewerId && e.visibility === 'shared' && facts.partnerIds.includes(e.authorId)),
  };
}
