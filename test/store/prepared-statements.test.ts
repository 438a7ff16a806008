import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openStore } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';
import { namedStatements } from '../../src/platform/db/prepared-statements.js';
import { SessionStore } from '../../src/features/accounts/sessions-store.js';
import { createTestDatabase, skipReason } from '../support/databases.js';

/**
 * On PostgreSQL the per-request session reads run as named prepared statements: planned once per
 * connection. They must answer like unnamed ones, also after a migration changes a table under
 * them, and nothing else is prepared.
 */
test('the per-request session reads are prepared once per connection and survive a schema change [postgres]', async (t) => {
  const skip = await skipReason('postgres');
  if (skip) return t.skip(skip);
  const database = await createTestDatabase('postgres');
  const store = openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
  try {
    await migrateToLatest(store);
    const sessions = new SessionStore(store.db);
    // Registers the two texts (they are compiled on first use).
    assert.equal(await sessions.withAccount('no-such-hash'), null);
    assert.equal(await sessions.withAccountForSpace('no-such-hash', 'no-such-space'), null);
    const hot = [...namedStatements()].filter(([text]) => text.includes('"sessions"."token_hash"'));
    assert.equal(hot.length, 2, 'both session reads are registered');

    const client = await store.pgPool!.connect();
    try {
      const prepared = async () =>
        (await client.query<{ name: string }>('select name from pg_prepared_statements order by name')).rows.map((r) => r.name);
      const hotNames = new Set(hot.map(([, n]) => n));
      const onlyHot = async () => {
        const names = await prepared();
        assert.ok(
          names.every((n) => hotNames.has(n)),
          `only the session reads are prepared: ${names.join(', ')}`,
        );
        return names;
      };
      await onlyHot();
      const [text, name] = hot[0]!;
      const values = text.includes('"member"') ? ['therapist', 'no-such-space', 'no-such-hash'] : ['therapist', 'no-such-hash'];
      // More than five runs: PostgreSQL then may switch to a generic plan.
      for (let i = 0; i < 7; i++) assert.equal((await client.query(text, values)).rows.length, 0);
      assert.ok((await onlyHot()).includes(name), 'prepared under its name');
      // A migration adds a column under the prepared statement: it is planned again, same answer.
      await client.query('alter table accounts add column prepared_test text');
      await client.query('alter table sessions add column prepared_test text');
      assert.equal((await client.query(text, values)).rows.length, 0);
      // Other statements are not prepared.
      await client.query('select 1 as one');
      await client.query('select $1::text as two', ['x']);
      await onlyHot();
    } finally {
      client.release();
    }
    // Through Kysely, with data: the same answers as before the change.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from sessions`.execute(store.db);
    assert.equal(rows[0]!.n, 0);
  } finally {
    await store.close();
    await database.drop();
  }
});
