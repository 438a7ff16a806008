import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * A revision number per space, raised by the database itself whenever a row that progress (or a
 * member's view of the space) is drawn from changes. Triggers, not application code, keep it, so
 * no write path (the app, the seeder, account deletion, a cascade, a second server) can forget
 * it. The progress cache (features/progress/progress-cache.ts) serves a result only while the space's
 * revision is the one it was computed at. A table added later that feeds progress needs its own
 * trigger in a later migration (docs/performance.md, "Progress: revision cache").
 */

/** How a row of each table finds its space; `{row}` is NEW or OLD. */
export const REVISED_TABLES: ReadonlyArray<{ table: string; spaces: string; updateOf?: string }> = [
  ...[
    'space_members',
    'checkins',
    'agreement_log_entries',
    'agreements',
    'breaches',
    'journeys',
    'meetings',
    'reassurance_requests',
    'monthly_reviews',
  ].map((table) => ({ table, spaces: 'select {row}.space_id' })),
  ...['journey_entries', 'journey_acknowledgements', 'apologies'].map((table) => ({
    table,
    spaces: 'select space_id from journeys where id = {row}.journey_id',
  })),
  {
    table: 'apology_responses',
    spaces: 'select j.space_id from apologies a join journeys j on j.id = a.journey_id where a.id = {row}.apology_id',
  },
  { table: 'agreement_commitments', spaces: 'select space_id from agreements where id = {row}.agreement_id' },
  // The space's name and its members' names are shown with progress; only updates matter
  // (a new space or account has no rows yet, a deleted one takes its rows with it).
  { table: 'spaces', spaces: 'select {row}.id', updateOf: 'name_enc' },
  { table: 'accounts', spaces: 'select space_id from space_members where account_id = {row}.id', updateOf: 'display_name_enc' },
];

const bump = (spaces: string, row: 'NEW' | 'OLD') =>
  `update space_revisions set revision = revision + 1 where space_id in (${spaces.replaceAll('{row}', row)});`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('space_revisions')
    .addColumn('space_id', 'text', (c) => c.primaryKey().references('spaces.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`insert into space_revisions (space_id, revision) select id, 1 from spaces`.execute(db);

  if (postgres) {
    await sql
      .raw(
        `create function mend_space_created() returns trigger language plpgsql as $$
         begin insert into space_revisions (space_id, revision) values (NEW.id, 1); return null; end $$`,
      )
      .execute(db);
    await sql
      .raw('create trigger space_revisions_new_space after insert on spaces for each row execute function mend_space_created()')
      .execute(db);
    for (const { table, spaces, updateOf } of REVISED_TABLES) {
      const body = updateOf
        ? bump(spaces, 'NEW')
        : `if TG_OP <> 'INSERT' then ${bump(spaces, 'OLD')} end if;
           if TG_OP <> 'DELETE' then ${bump(spaces, 'NEW')} end if;`;
      await sql
        .raw(`create function mend_revise_${table}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`)
        .execute(db);
      const events = updateOf ? `update of ${updateOf}` : 'insert or update or delete';
      await sql
        .raw(`create trigger space_revisions_${table} after ${events} on ${table} for each row execute function mend_revise_${table}()`)
        .execute(db);
    }
    return;
  }

  await sql
    .raw(
      'create trigger space_revisions_new_space after insert on spaces begin insert into space_revisions (space_id, revision) values (NEW.id, 1); end',
    )
    .execute(db);
  for (const { table, spaces, updateOf } of REVISED_TABLES) {
    if (updateOf) {
      await sql
        .raw(`create trigger space_revisions_${table}_update after update of ${updateOf} on ${table} begin ${bump(spaces, 'NEW')} end`)
        .execute(db);
      continue;
    }
    await sql.raw(`create trigger space_revisions_${table}_insert after insert on ${table} begin ${bump(spaces, 'NEW')} end`).execute(db);
    await sql
      .raw(
        `create trigger space_revisions_${table}_update after update on ${table} begin ${bump(spaces, 'OLD')} ${bump(spaces, 'NEW')} end`,
      )
      .execute(db);
    await sql.raw(`create trigger space_revisions_${table}_delete after delete on ${table} begin ${bump(spaces, 'OLD')} end`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql.raw('drop trigger if exists space_revisions_new_space on spaces').execute(db);
    await sql.raw('drop function if exists mend_space_created()').execute(db);
    for (const { table } of REVISED_TABLES) {
      await sql.raw(`drop trigger if exists space_revisions_${table} on ${table}`).execute(db);
      await sql.raw(`drop function if exists mend_revise_${table}()`).execute(db);
    }
  } else {
    await sql.raw('drop trigger if exists space_revisions_new_space').execute(db);
    for (const { table } of REVISED_TABLES) {
      for (const event of ['insert', 'update', 'delete'])
        await sql.raw(`drop trigger if exists space_revisions_${table}_${event}`).execute(db);
    }
  }
  await db.schema.dropTable('space_revisions').execute();
}
