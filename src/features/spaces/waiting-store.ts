import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { WaitingFacts } from '../../core/waiting/waiting.js';

/** At most this many of each kind are read: the panel is a doorway, not a history. */
const MOST = 50;

type Facts = Omit<WaitingFacts, 'spaceId' | 'viewerId' | 'viewerRole' | 'partnerId' | 'today'>;

/**
 * The facts of "Waiting for you" (core/waiting), read straight from the tables of the features
 * they belong to — only ids, authors, dates and states. No text column (nor its visibility, beyond
 * "shared") is ever selected here, so nothing anyone wrote can reach the list.
 */
export class WaitingStore {
  constructor(private readonly db: Kysely<Database>) {}

  async facts(spaceId: string, viewerId: string, partnerId: string | null, today: string): Promise<Facts> {
    const checkedIn = await this.db
      .selectFrom('checkins')
      .select('id')
      .where('space_id', '=', spaceId)
      .where('account_id', '=', viewerId)
      .where('date', '=', today)
      .executeTakeFirst();
    if (partnerId === null) {
      return {
        checkedInToday: checkedIn !== undefined,
        reassurance: [],
        questions: [],
        apologies: [],
        agreements: [],
        occasions: [],
        sealedHalves: [],
      };
    }
    const [reassurance, questions, apologies, agreements, occasions, sealedHalves] = await Promise.all([
      this.db
        .selectFrom('reassurance_requests')
        .select(['id', 'requested_by', 'created_at'])
        .where('space_id', '=', spaceId)
        .where('requested_by', '=', partnerId)
        .where('answered_at', 'is', null)
        .orderBy('created_at')
        .limit(MOST)
        .execute(),
      this.db
        .selectFrom('journey_entries as q')
        .innerJoin('journeys as j', 'j.id', 'q.journey_id')
        .leftJoin('question_deferrals as d', 'd.question_id', 'q.id')
        .select(['q.id', 'q.journey_id', 'q.author_id', 'q.created_at', 'd.until_on'])
        .where('j.space_id', '=', spaceId)
        .where('j.closed_at', 'is', null)
        .where('q.prompt', '=', 'question')
        .where('q.visibility', '=', 'shared')
        .where('q.author_id', '=', partnerId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(selectFrom('journey_entries as a').select('a.id').whereRef('a.reply_to', '=', 'q.id').where('a.prompt', '=', 'answer')),
          ),
        )
        .orderBy('q.created_at')
        .limit(MOST)
        .execute(),
      this.db
        .selectFrom('apologies as p')
        .innerJoin('journeys as j', 'j.id', 'p.journey_id')
        .select(['p.id', 'p.journey_id', 'p.author_id', 'p.delivered_at'])
        .where('j.space_id', '=', spaceId)
        .where('j.closed_at', 'is', null)
        .where('p.author_id', '=', partnerId)
        .where('p.delivered_at', 'is not', null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('apology_responses as r').select('r.id').whereRef('r.apology_id', '=', 'p.id').where('r.by_id', '=', viewerId),
            ),
          ),
        )
        .orderBy('p.delivered_at')
        .limit(MOST)
        .execute(),
      this.db
        .selectFrom('agreements')
        .select(['id', 'journey_id', 'status', 'proposed_by', 'proposed_at'])
        .where('space_id', '=', spaceId)
        .where('status', '=', 'proposed')
        .where('proposed_by', '=', partnerId)
        .orderBy('proposed_at')
        .limit(MOST)
        .execute(),
      this.db
        .selectFrom('agreement_log_entries')
        .select(['id', 'logged_by', 'created_at'])
        .where('space_id', '=', spaceId)
        .where('logged_by', '=', partnerId)
        .where('review', 'is', null)
        .orderBy('created_at')
        .limit(MOST)
        .execute(),
      // Only that a half was written, by whom and for which pair: the same the notification tells.
      this.db
        .selectFrom('journey_entries as e')
        .innerJoin('journeys as j', 'j.id', 'e.journey_id')
        .select(['e.journey_id', 'e.prompt', 'e.author_id', 'e.created_at'])
        .where('j.space_id', '=', spaceId)
        .where('j.closed_at', 'is', null)
        .where('e.visibility', '=', 'sealed')
        .where('e.author_id', 'in', [partnerId, viewerId])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('sealed_pair_openings as o')
                .select('o.journey_id')
                .whereRef('o.journey_id', '=', 'e.journey_id')
                .whereRef('o.prompt', '=', 'e.prompt'),
            ),
          ),
        )
        .orderBy('e.created_at')
        .limit(MOST * 2)
        .execute(),
    ]);
    return {
      checkedInToday: checkedIn !== undefined,
      reassurance: reassurance.map((r) => ({ id: r.id, askedBy: r.requested_by, createdAt: r.created_at, answered: false })),
      questions: questions.map((q) => ({
        id: q.id,
        journeyId: q.journey_id,
        askedBy: q.author_id,
        createdAt: q.created_at,
        answered: false,
        deferredUntil: q.until_on ?? null,
      })),
      apologies: apologies.map((p) => ({
        id: p.id,
        journeyId: p.journey_id,
        authorId: p.author_id,
        deliveredAt: p.delivered_at,
        answeredByViewer: false,
      })),
      agreements: agreements.map((g) => ({
        id: g.id,
        journeyId: g.journey_id,
        status: g.status,
        proposedBy: g.proposed_by,
        proposedAt: g.proposed_at,
      })),
      occasions: occasions.map((o) => ({ id: o.id, loggedBy: o.logged_by, createdAt: o.created_at, reviewed: false })),
      sealedHalves: sealedHalves.map((e) => ({
        journeyId: e.journey_id,
        prompt: e.prompt,
        authorId: e.author_id,
        createdAt: e.created_at,
      })),
    };
  }
}
