/**
 * Query plans of the hot paths (issue #7): every statement the server sends for a signed-in
 * person's session check, progress (API and page), the journey page, the agreement log, meetings
 * and reassurance pages and a check-in write, with the parameters of one seeded couple. The SQL
 * is not copied here: bench/hot-queries.ts calls the store methods the server calls and records
 * what they send (test/store/plans-sql.test.ts checks the server does run each of them).
 *
 *   DATABASE_URL=postgres://…/mend_bench100k node --import tsx bench/plans.ts   # EXPLAIN (ANALYZE, BUFFERS)
 *   MEND_DATA_DIR=<seeded data dir> node --import tsx bench/plans.ts          # SQLite: EXPLAIN QUERY PLAN
 *
 * Options: `--only <part of a name>` plans only those; `--sql` prints each statement and its
 * parameters instead of its plan. Writes are explained inside a transaction that is rolled back
 * (recording them runs the store's write, rolled back too). docs/performance.md keeps the
 * relevant lines of a recorded run.
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { SQLITE_FILE_NAME, type DialectName } from '../src/platform/db/database.js';
import { HOT_NAMES, hotStatements, pickCouple, recordingKysely, type HotStatement } from './hot-queries.js';

const USAGE = `Usage:
  DATABASE_URL=postgres://…/<seeded db> node --import tsx bench/plans.ts [--only <name part>] [--sql]
  MEND_DATA_DIR=<seeded data dir>       node --import tsx bench/plans.ts [--only <name part>] [--sql]

Prints the plan of every hot statement (EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY
PLAN on SQLite) for a couple from the middle of the seeded data (mend seed --couples N).`;

/** EXPLAIN QUERY PLAN's rows as the tree sqlite3's shell draws. */
function sqliteTree(rows: Array<{ id: number; parent: number; detail: string }>): string {
  const depth = new Map<number, number>([[0, -1]]);
  return rows
    .map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    })
    .join('\n');
}

async function explainOnPostgres(url: string, statements: HotStatement[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const plans: string[] = [];
    for (const s of statements) {
      if (s.write) await client.query('begin');
      try {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${s.sql}`, [...s.parameters]);
        plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      } finally {
        if (s.write) await client.query('rollback');
      }
    }
    return plans;
  } finally {
    await client.end();
  }
}

function explainOnSqlite(sqlite: SQLite.Database, statements: HotStatement[]): string[] {
  // EXPLAIN QUERY PLAN does not run the statement: a write changes nothing.
  return statements.map(
    (s) =>
      sqliteTree(
        sqlite.prepare(`explain query plan ${s.sql}`).all([...s.parameters]) as Array<{ id: number; parent: number; detail: string }>,
      ) || '(no plan: a plain insert)',
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) return void console.log(USAGE);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const url = process.env.DATABASE_URL;
  const dataDir = process.env.MEND_DATA_DIR;
  if (!url && !dataDir) throw new Error(`Set DATABASE_URL or MEND_DATA_DIR to a seeded database.\n\n${USAGE}`);
  const dialect: DialectName = url ? 'postgres' : 'sqlite';
  const sqlite = url ? null : new SQLite(path.join(dataDir!, SQLITE_FILE_NAME), { fileMustExist: true });
  const recording = recordingKysely(
    url ? new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) : new SqliteDialect({ database: sqlite! }),
  );
  try {
    const couple = await pickCouple(recording.db);
    const statements = await hotStatements(recording, dialect, couple, only);
    const plans = args.includes('--sql')
      ? statements.map((s) => `parameters: ${JSON.stringify(s.parameters)}`)
      : url
        ? await explainOnPostgres(url, statements)
        : explainOnSqlite(sqlite!, statements);
    statements.forEach((s, i) => console.log(`\n### ${s.name}\n-- ${s.sql}\n${plans[i]}`));
    const unsent = HOT_NAMES.filter((n) => (!only || n.includes(only)) && !statements.some((s) => s.name === n));
    // A read that follows from rows this couple does not have (an apology's responses without an apology).
    if (unsent.length) console.log(`\nNot sent for this couple (no rows for them to follow from): ${unsent.join('; ')}`);
  } finally {
    await recording.db.destroy();
  }
}

await main();
