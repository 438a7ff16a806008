import type { Kysely } from 'kysely';
import type { SealedPairOpening } from '../../core/journey/index.js';
import type { Database } from '../../platform/db/schema.js';

/** When each sealed pair opened (migration 0012). Written once per pair, never removed. */
export class SealedPairStore {
  constructor(private readonly db: Kysely<Database>) {}

  async forJourney(journeyId: string): Promise<SealedPairOpening[]> {
    const rows = await this.db
      .selectFrom('sealed_pair_openings')
      .selectAll()
      .where('journey_id', '=', journeyId)
      .orderBy('opened_at')
      .execute();
    return rows.map((r) => ({
      journeyId: r.journey_id,
      prompt: r.prompt,
      openedAt: r.opened_at,
      authorIds: [r.first_author_id, r.second_author_id],
    }));
  }

  /** Records the opening; the first record of a pair stands (two writers may both try). */
  async record(opening: SealedPairOpening): Promise<void> {
    const [first = null, second = null] = opening.authorIds;
    await this.db
      .insertInto('sealed_pair_openings')
      .values({
        journey_id: opening.journeyId,
        prompt: opening.prompt,
        opened_at: opening.openedAt,
        first_author_id: first,
        second_author_id: second,
      })
      .onConflict((oc) => oc.columns(['journey_id', 'prompt']).doNothing())
      .execute();
  }
}
