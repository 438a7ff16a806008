import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * A second per-space counter beside 0005's revision (issue #24): the revision of the space's
 * *settled* history, the check-ins and agreement-log occasions of days more than three days ago
 * (UTC, by the database's clock) and what decides which occasions count. A check-in can be written
 * for today and the two days before in the person's own time zone (which is at most a day ahead of
 * UTC), and a logged occasion is almost always of today or yesterday, so ordinary writes leave it
 * alone; a back-dated occasion, a changed review of an old one, a deletion or a changed commitment
 * raises it. Progress keeps what it read of the settled days per space (in each process) and reads
 * only the newer days again while this counter is unchanged (features/progress/settled-history.ts):
 * a write through any server raises it in the same transaction, so no server keeps a stale copy.
 * Settled means "before the day `settledBefore`" with a margin: the app's cut-off is four days back.
 */

/** Rows whose day is before this (an SQL expression giving `YYYY-MM-DD`) are settled. */
const CUTOFF = {
  sqlite: "date('now', '-3 days')",
  postgres: "to_char((now() at time zone 'utc')::date - 3, 'YYYY-MM-DD')",
};

/** How a row finds its space, and which of its columns holds its day (none: every change counts). */
export const SETTLED_TABLES: ReadonlyArray<{ table: string; spaces: string; day?: string }> = [
  { table: 'checkins', spaces: 'select {row}.space_id', day: 'date' },
  { table: 'agreement_log_entries', spaces: 'select {row}.space_id', day: 'occurred_on' },
  { table: 'agreement_commitments', spaces: 'select space_id from agreements where id = {row}.agreement_id' },
  { table: 'agreements', spaces: 'select {row}.space_id' },
];

const bump = (spaces: string, row: 'NEW' | 'OLD') =>
  `update progress_history set revision = revision + 1 where space_id in (${spaces.replaceAll('{row}', row)});`;

/** The bump for `row`, only when its day is settled (or the table has no day). */
function bumpIfSettled(t: (typeof SETTLED_TABLES)[number], row: 'NEW' | 'OLD', cutoff: string, postgres: boolean): string {
  if (!t.day) return bump(t.spaces, row);
  return postgres
    ? `if ${row}.${t.day} < ${cutoff} then ${bump(t.spaces, row)} end if;`
    : `${bump(t.spaces, row).replace(/;$/, '')} and ${row}.${t.day} < ${cutoff};`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('progress_history')
    .addColumn('space_id', 'text', (c) => c.primaryKey().references('spaces.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`insert into progress_history (space_id, revision) select id, 1 from spaces`.execute(db);

  if (postgres) {
    await sql
      .raw(
        `create function mend_progress_history_space() returns trigger language plpgsql as $$
         begin insert into progress_history (space_id, revision) values (NEW.id, 1); return null; end $$`,
      )
      .execute(db);
    await sql
      .raw('create trigger progress_history_new_space after insert on spaces for each row execute function mend_progress_history_space()')
      .execute(db);
    for (const t of SETTLED_TABLES) {
      const body = `if TG_OP <> 'INSERT' then ${bumpIfSettled(t, 'OLD', CUTOFF.postgres, true)} end if;
         if TG_OP <> 'DELETE' then ${bumpIfSettled(t, 'NEW', CUTOFF.postgres, true)} end if;`;
      await sql
        .raw(`create function mend_settle_${t.table}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`)
        .execute(db);
      await sql
        .raw(
          `create trigger progress_history_${t.table} after insert or update or delete on ${t.table} for each row execute function mend_settle_${t.table}()`,
        )
        .execute(db);
    }
    return;
  }

  await sql
    .raw(
      'create trigger progress_history_new_space after insert on spaces begin insert into progress_history (space_id, revision) values (NEW.id, 1); end',
    )
    .execute(db);
  for (const t of SETTLED_TABLES) {
    const newRow = bumpIfSettled(t, 'NEW', CUTOFF.sqlite, false);
    const oldRow = bumpIfSettled(t, 'OLD', CUTOFF.sqlite, false);
    await sql.raw(`create trigger progress_history_${t.table}_insert after insert on ${t.table} begin ${newRow} end`).execute(db);
    await sql.raw(`create trigger progress_history_${t.table}_update after update on ${t.table} begin ${oldRow} ${newRow} end`).execute(db);
    await sql.raw(`create trigger progress_history_${t.table}_delete after delete on ${t.table} begin ${oldRow} end`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql.raw('drop trigger if exists progress_history_new_space on spaces').execute(db);
    await sql.raw('drop function if exists mend_progress_history_space()').execute(db);
    for (const { table } of SETTLED_TABLES) {
      await sql.raw(`drop trigger if exists progress_history_${table} on ${table}`).execute(db);
      await sql.raw(`drop function if exists mend_settle_${table}()`).execute(db);
    }
  } else {
    await sql.raw('drop trigger if exists progress_history_new_space').execute(db);
    for (const { table } of SETTLED_TABLES) {
      for (const event of ['insert', 'update', 'delete'])
        await sql.raw(`drop trigger if exists progress_history_${table}_${event}`).execute(db);
    }
  }
  await db.schema.dropTable('progress_history').execute();
}
