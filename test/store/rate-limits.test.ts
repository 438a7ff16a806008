import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { createLimiter } from '../../src/platform/http/rate-limiter.js';
import { describeEachDatabase } from '../support/app.js';
import { signUp } from '../support/api-client.js';

/**
 * Rate-limit counters name no email, address or account in clear: keys are keyed hashes under
 * the index key. On PostgreSQL they are rows, and expired rows are removed; on SQLite they live
 * in the process's memory (and remove themselves when they expire), never in the database file.
 */
describeEachDatabase('rate-limit records', (get, dialect) => {
  const address = '198.51.100.23';

  test('a failed sign-in leaves no email or address in clear', async () => {
    const { app, database } = get();
    const person = await signUp(app, 'Quinn');
    for (const password of ['wrong guess number one', 'wrong guess number two']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        remoteAddress: address,
        payload: { email: person.email, password },
      });
      assert.equal(res.statusCode, 401);
    }
    await person.api.post('/api/v1/sessions/current/reauthenticate', { password: 'not my password at all' });
    if (dialect === 'postgres') {
      const { rows } = await sql<{ key: string }>`select key from rate_limits`.execute(app.mend.store.db);
      assert.ok(rows.length >= 3, `counters were written: ${rows.length}`);
      for (const { key } of rows) {
        assert.match(key, /^[a-z-]+:[0-9a-f]{64}$/, 'prefix and a keyed hash');
        for (const clear of [person.email, address, person.id]) assert.ok(!key.includes(clear), `${clear} in ${key}`);
      }
    } else {
      const { rows } = await sql<{ name: string }>`select name from sqlite_master where name = 'rate_limits'`.execute(app.mend.store.db);
      assert.deepEqual(rows, [], 'no counter table in the SQLite file');
      for (const file of fs.readdirSync(database.dataDir).filter((f) => f.startsWith('mend.db'))) {
        const bytes = fs.readFileSync(path.join(database.dataDir, file));
        assert.ok(!bytes.includes(address) && !bytes.includes(person.email), `nothing in clear in ${file}`);
      }
    }
  });

  test('each limiter hashes its keys under its own purpose', async () => {
    const { app } = get();
    const seen: string[] = [];
    const vault = { index: (purpose: string, value: string) => (seen.push(`${purpose}|${value}`), app.mend.vault.index(purpose, value)) };
    const one = await createLimiter(app.mend.store, vault, { name: 'test-one', points: 2, durationSeconds: 60 });
    await one.hit('someone@example.org');
    assert.deepEqual(seen, ['rate-limit.test-one|someone@example.org'], 'each limiter hashes under its own purpose');
  });

  if (dialect === 'postgres') {
    test('expired counters are removed, by the sweep that hits make and on request', async () => {
      const { app } = get();
      const db = app.mend.store.db;
      const count = async (prefix: string) =>
        Number((await sql<{ n: string }>`select count(*) as n from rate_limits where key like ${`${prefix}:%`}`.execute(db)).rows[0]!.n);
      await sql`insert into rate_limits (key, points, expire) values ('test-sweep:stale', 1, 1)`.execute(db);
      const limiter = await createLimiter(app.mend.store, app.mend.vault, { name: 'test-sweep', points: 5, durationSeconds: 60 });
      await limiter.hit('fresh');
      // The sweep is not awaited by the hit; wait for it to land.
      while ((await count('test-sweep')) !== 1) await new Promise((r) => setImmediate(r));
      await limiter.removeExpired(Date.now());
      assert.equal(await count('test-sweep'), 1, 'a counter still running stays');
      await limiter.removeExpired(Date.now() + 61_000);
      assert.equal(await count('test-sweep'), 0, 'once expired it is gone');
    });
  }
});
