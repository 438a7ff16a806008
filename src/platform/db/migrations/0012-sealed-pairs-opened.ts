import type { Kysely } from 'kysely';

/**
 * When each sealed pair opened, and by whom (SPEC section 3; core/journey/sealed-pair.ts). Until
 * now "open" was computed from the halves that exist, so deleting one half sealed the other again
 * and let its author write a throwaway half to read it a second time. From here an opened pair
 * stays open: the row is written when the second half is saved and never removed (only with its
 * journey).
 *
 * The authors are kept so a deleted half can be shown as removed by the person who wrote it. An
 * author's account being deleted clears their id (SET NULL), so no row outlives the account's id.
 *
 * Pairs already open in the database (both halves standing) are recorded as opened when the
 * second author's first half was written. A pair whose half was already deleted before this
 * migration cannot be told apart from one never opened, and stays sealed (the old rule).
 */
/** The two tables as they are at this migration (the app's schema may move on). */
interface Tables {
  journey_entries: { journey_id: string; prompt: string; author_id: string; visibility: string; created_at: string };
  sealed_pair_openings: {
    journey_id: string;
    prompt: string;
    opened_at: string;
    first_author_id: string | null;
    second_author_id: string | null;
  };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sealed_pair_openings')
    .addColumn('journey_id', 'text', (c) => c.notNull().references('journeys.id').onDelete('cascade'))
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('first_author_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('second_author_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addPrimaryKeyConstraint('sealed_pair_openings_pk', ['journey_id', 'prompt'])
    .execute();
  // The foreign keys are looked up when an account is deleted.
  await db.schema.createIndex('sealed_pair_openings_first').on('sealed_pair_openings').column('first_author_id').execute();
  await db.schema.createIndex('sealed_pair_openings_second').on('sealed_pair_openings').column('second_author_id').execute();

  const q = db as unknown as Kysely<Tables>;
  const halves = await q
    .selectFrom('journey_entries')
    .select(['journey_id', 'prompt', 'author_id'])
    .select((eb) => eb.fn.min('created_at').as('first_at'))
    .where('visibility', '=', 'sealed')
    .groupBy(['journey_id', 'prompt', 'author_id'])
    .execute();
  const pairs = new Map<string, typeof halves>();
  for (const h of halves) {
    const key = JSON.stringify([h.journey_id, h.prompt]);
    pairs.set(key, [...(pairs.get(key) ?? []), h]);
  }
  for (const pair of pairs.values()) {
    if (pair.length < 2) continue;
    const [first, second] = [...pair].sort((x, y) => (x.first_at < y.first_at ? -1 : x.first_at > y.first_at ? 1 : 0));
    await q
      .insertInto('sealed_pair_openings')
      .values({
        journey_id: first!.journey_id,
        prompt: first!.prompt,
        opened_at: second!.first_at,
        first_author_id: first!.author_id,
        second_author_id: second!.author_id,
      })
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sealed_pair_openings').execute();
}
