import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli as mend } from '../support/cli.js';
import type { SeedSummary } from '../../src/cli/commands/seed.js';
import { json, startTestApp } from '../support/app.js';
import { ApiClient } from '../support/api-client.js';
import { DIALECTS, skipReason } from '../support/databases.js';


for (const dialect of DIALECTS) {
  test(`mend seed writes couples with their days, and a seeded person signs in and reads progress [${dialect}]`, async (t) => {
    const skip = await skipReason(dialect);
    if (skip) return t.skip(skip);
    const app = await startTestApp(dialect);
    try {
      const env = { MEND_DATA_DIR: app.config.dataDir, LOG_LEVEL: 'silent', ...(app.config.databaseUrl ? { DATABASE_URL: app.config.databaseUrl } : {}) };
      const { code, out, err } = await mend(['seed', '--couples', '3', '--days', '30', '--json'], env);
      assert.equal(code, 0, err);
      assert.match(err, /3 of 3 couples written/, 'progress goes to standard error');
      const summary = JSON.parse(out) as SeedSummary;
      assert.equal(summary.couples, 3);
      assert.equal(summary.sample.length, 3);

      const db = app.app.mend.store.db;
      const count = async (table: 'accounts' | 'spaces' | 'space_members' | 'journeys' | 'journey_entries' | 'agreements' | 'checkins' | 'agreement_log_entries') =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(await count('accounts'), 6);
      assert.equal(await count('spaces'), 3);
      assert.equal(await count('space_members'), 6);
      assert.equal(await count('journeys'), 3);
      assert.equal(await count('agreements'), 9);
      assert.equal(await count('journey_entries'), summary.entries);
      assert.equal(summary.entries, 3 * 7);
      const checkins = await count('checkins');
      assert.equal(checkins, summary.checkins);
      // Two partners, 30 days, most days (about one in eight is skipped).
      assert.ok(checkins > 3 * 2 * 30 * 0.7 && checkins <= 3 * 2 * 30, `check-ins: ${checkins}`);
      const logged = await count('agreement_log_entries');
      assert.equal(logged, summary.logEntries);
      assert.ok(logged > 3 * 30 * 0.7, `log entries: ${logged}`);

      const couple = summary.sample[1]!;
      const session = await new ApiClient(app.app).post('/api/v1/sessions', { email: couple.emails[1], password: summary.password });
      assert.equal(session.statusCode, 201, session.body);
      const sam = new ApiClient(app.app, json(session).token);
      const progress = await sam.get(`/api/v1/spaces/${couple.spaceId}/progress`);
      assert.equal(progress.statusCode, 200, progress.body);
      const body = json(progress);
      assert.equal(body.partners.length, 2);
      assert.ok(body.partners.some((p: { consistency: { occasions: number } }) => p.consistency.occasions > 10));
      const journey = await sam.get(`/api/v1/journeys/${couple.journeyId}`);
      assert.equal(journey.statusCode, 200, journey.body);

      // Another couple's space stays out of reach for this seeded person.
      const other = await sam.get(`/api/v1/spaces/${summary.sample[0]!.spaceId}/progress`);
      assert.equal(other.statusCode, 404);
    } finally {
      await app.close();
    }
  });
}

test('mend seed refuses unknown or out-of-range arguments', async () => {
  for (const args of [['--bogus'], ['--couples'], ['--couples', '0'], ['--couples', 'many'], ['--days', '99999']]) {
    const { code, err } = await mend(['seed', ...args], { MEND_DATA_DIR: '/nonexistent-mend-seed' });
    assert.equal(code, 2, args.join(' '));
    assert.match(err, /Usage: mend seed/);
  }
});
