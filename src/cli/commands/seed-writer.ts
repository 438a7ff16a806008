import { sql } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Store } from '../../platform/db/database.js';
import { INTEGER_COLUMNS, SEED_TABLE_ORDER, SEED_TABLES, type SeedRows, type SeedTable, type Value } from './seed-rows.js';

/** Writes one batch of seeded rows in one transaction: all of it, or (on failure) none of it. */
export type SeedWriter = (rows: SeedRows) => Promise<void>;

/**
 * SQLite: prepared statements on the raw handle inside one transaction. better-sqlite3 runs a
 * prepared insert in about a microsecond, so per-row statements beat building multi-row SQL.
 */
function sqliteWriter(sqlite: SQLite.Database): SeedWriter {
  // This connection is the seed's own. A bigger page cache keeps the indexes' random inserts in
  // memory; NORMAL still commits each batch whole (WAL), it only may lose the last batches on a
  // power cut, which `--resume` redoes.
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('synchronous = NORMAL');
  // Fewer, larger checkpoints: each one writes scattered index pages back into the database file.
  sqlite.pragma('wal_autocheckpoint = 65536');
  const statements = new Map<SeedTable, SQLite.Statement>();
  for (const table of SEED_TABLE_ORDER) {
    const columns = SEED_TABLES[table];
    statements.set(
      table,
      sqlite.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`),
    );
  }
  const write = sqlite.transaction((rows: SeedRows) => {
    for (const table of SEED_TABLE_ORDER) {
      const statement = statements.get(table)!;
      for (const row of rows[table]) statement.run(row);
    }
  });
  return async (rows) => {
    write(rows);
  };
}

/**
 * PostgreSQL: one `insert … select * from unnest($1::text[], $2::int[], …)` per table, so each
 * table's share of the batch travels as one array per column — a handful of bound parameters
 * however many rows, parsed once, much faster than a `values` list with thousands of them.
 * Commits are asynchronous for this session only: a crash can lose the last batches, which the
 * run's record (and `--resume`) accounts for, and nothing else on the server is affected.
 *
 * `fast`: the connecting role may set `session_replication_role = replica` (a superuser), which
 * turns off this transaction's row triggers — the foreign-key checks (every row is built
 * consistent) and 0005's `space_revisions` triggers, which would otherwise update a space's
 * revision once per inserted row: a million row versions per thousand couples. The seed writes
 * each new space's revision row and 0026's settled-history row itself (revision 1, as the
 * triggers on `spaces` would), so the result is the same. A table whose rows a later migration's trigger maintains must be written
 * here too (docs/performance.md, "Seeding").
 */
function postgresWriter(store: Store, fast: boolean): SeedWriter {
  return async (rows) => {
    await store.db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      if (fast) await sql`set local session_replication_role = replica`.execute(trx);
      const tables: Array<[string, readonly string[], Value[][]]> = SEED_TABLE_ORDER.map((t) => [t, SEED_TABLES[t], rows[t]]);
      if (fast) {
        tables.push(['space_revisions', ['space_id', 'revision'], rows.spaces.map((space) => [space[0]!, 1])]);
        // 0026's settled-history counter, as its trigger on `spaces` would make it.
        tables.push(['progress_history', ['space_id', 'revision'], rows.spaces.map((space) => [space[0]!, 1])]);
      }
      for (const [table, columns, list] of tables) {
        if (list.length === 0) continue;
        const arrays = columns.map((_, c) => list.map((row) => row[c] as Value));
        const unnest = sql.join(
          columns.map((column, c) => sql`${arrays[c]}::${sql.raw(INTEGER_COLUMNS.has(column) ? 'integer' : 'text')}[]`),
        );
        await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${unnest})`.execute(
          trx,
        );
      }
    });
  };
}

/** Whether triggers may be turned off for the seed's own transactions (see postgresWriter). */
async function mayPauseTriggers(store: Store): Promise<boolean> {
  const { rows } = await sql<{ superuser: string; revisions: string | null }>`
    select current_setting('is_superuser') as superuser, to_regclass('space_revisions')::text as revisions`.execute(store.db);
  return rows[0]?.superuser === 'on' && rows[0].revisions !== null;
}

export async function seedWriter(store: Store): Promise<SeedWriter> {
  if (store.dialect === 'sqlite') return sqliteWriter(store.sqlite!);
  return postgresWriter(store, await mayPauseTriggers(store));
}
