import type { WaitingFacts } from '../../core/waiting/waiting.js';

/** At most this many of each kind are read: the panel is a doorway, not a history. */
const MOST = 50;

type Facts = Omit<WaitingFacts, 'spaceId' | 'viewerId' | 'viewerRole' | 'partnerId' | 'today'>;

/**
 * Where the facts of "Waiting for you" come from: each is a read of the feature that owns the
 * table (check-ins, reassurance, journey entries and apologies, agreements, the agreement log),
 * wired in context.ts so this feature imports none of them. Each answers only ids, authors,
 * dates and states — never a text column — so nothing anyone wrote can reach the list.
 */
export interface WaitingSources {
  checkedInOn(spaceId: string, accountId: string, date: string): Promise<boolean>;
  unansweredCallsFrom(spaceId: string, askerId: string, most: number): Promise<Facts['reassurance'][number][]>;
  unansweredQuestionsFrom(spaceId: string, askerId: string, most: number): Promise<Facts['questions'][number][]>;
  unansweredApologiesFrom(spaceId: string, authorId: string, readerId: string, most: number): Promise<Facts['apologies'][number][]>;
  proposalsBy(spaceId: string, proposerId: string, most: number): Promise<Facts['agreements'][number][]>;
  unreviewedOccasionsBy(spaceId: string, loggerId: string, most: number): Promise<Facts['occasions'][number][]>;
  unopenedSealedHalves(spaceId: string, authorIds: readonly string[], most: number): Promise<Facts['sealedHalves'][number][]>;
  /** Therapists whose access is still pending, with whether `partnerId` consented: ids and dates only, no name. */
  pendingTherapists(spaceId: string, partnerId: string): Promise<Facts['therapists'][number][]>;
}

/** The facts of "Waiting for you" (core/waiting): one read of each kind, all at once — never one per item. */
export class WaitingModel {
  constructor(private readonly sources: WaitingSources) {}

  async facts(spaceId: string, viewerId: string, partnerId: string | null, today: string): Promise<Facts> {
    const s = this.sources;
    if (partnerId === null) {
      const [checkedInToday, therapists] = await Promise.all([
        s.checkedInOn(spaceId, viewerId, today),
        s.pendingTherapists(spaceId, viewerId),
      ]);
      return {
        checkedInToday,
        therapists,
        reassurance: [],
        questions: [],
        apologies: [],
        agreements: [],
        occasions: [],
        sealedHalves: [],
      };
    }
    const [checkedInToday, therapists, reassurance, questions, apologies, agreements, occasions, sealedHalves] = await Promise.all([
      s.checkedInOn(spaceId, viewerId, today),
      s.pendingTherapists(spaceId, viewerId),
      s.unansweredCallsFrom(spaceId, partnerId, MOST),
      s.unansweredQuestionsFrom(spaceId, partnerId, MOST),
      s.unansweredApologiesFrom(spaceId, partnerId, viewerId, MOST),
      s.proposalsBy(spaceId, partnerId, MOST),
      s.unreviewedOccasionsBy(spaceId, partnerId, MOST),
      s.unopenedSealedHalves(spaceId, [partnerId, viewerId], MOST * 2),
    ]);
    return { checkedInToday, therapists, reassurance, questions, apologies, agreements, occasions, sealedHalves };
  }
}
