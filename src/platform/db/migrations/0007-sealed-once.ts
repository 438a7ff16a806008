import { sql, type Kysely } from 'kysely';

/**
 * One sealed entry per partner, prompt and journey, held by the database (SPEC section 3: each
 * partner writes one half of a sealed pair). The service checked this before inserting, but two
 * posts at the same moment could both pass the check; the unique index makes the second fail.
 *
 * The index is partial on `visibility = 'sealed'`. Only sealed-pair prompts allow the sealed
 * visibility (core/journey/prompts.ts), and a sealed entry never changes visibility
 * (core/journey/entry-rules.ts), so this is exactly "sealed-pair prompts" without freezing a list
 * of prompt names into the schema. Both SQLite and PostgreSQL support this predicate.
 *
 * A database may already hold a doubled half from that race. Deleting one would lose words the
 * person was told were saved, and refusing to start would lock a couple out over a double click.
 * So the earliest stays the sealed half, and each later one becomes private: still there, still
 * theirs to read or delete, and seen by nobody else (private is the narrowest visibility, so no
 * one is shown anything they could not see before the pair opened). The text is untouched.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE journey_entries SET visibility = 'private'
    WHERE visibility = 'sealed' AND EXISTS (
      SELECT 1 FROM journey_entries AS earlier
      WHERE earlier.journey_id = journey_entries.journey_id
        AND earlier.prompt = journey_entries.prompt
        AND earlier.author_id = journey_entries.author_id
        AND earlier.visibility = 'sealed'
        AND (earlier.created_at < journey_entries.created_at
          OR (earlier.created_at = journey_entries.created_at AND earlier.id < journey_entries.id))
    )
  `.execute(db);
  await db.schema
    .createIndex('journey_entries_sealed_once')
    .on('journey_entries')
    .columns(['journey_id', 'prompt', 'author_id'])
    .unique()
    .where(sql.ref('visibility'), '=', sql.lit('sealed'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('journey_entries_sealed_once').execute();
}
