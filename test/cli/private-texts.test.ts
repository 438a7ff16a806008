import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { cli as mend } from '../support/cli.js';
import type { SeedSummary } from '../../src/cli/commands/seed.js';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ApiClient } from '../support/api-client.js';
import { DIALECTS, skipReason } from '../support/databases.js';

const envFor = (app: TestApp) => ({
  MEND_DATA_DIR: app.config.dataDir,
  LOG_LEVEL: 'silent',
  ...(app.config.databaseUrl ? { DATABASE_URL: app.config.databaseUrl } : {}),
});

const figure = (out: string, label: RegExp): number => Number(label.exec(out)?.[1] ?? Number.NaN);

async function personalValues(app: TestApp): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from checkins where substr(note_enc, 1, 3) = 'p1.'`.execute(
    app.app.mend.store.db,
  );
  return Number(rows[0]!.n);
}

for (const dialect of DIALECTS) {
  // Seeded couples are written the way a Mend before issue #23 kept them: private texts under the server key.
  test(`mend private-texts counts what is locked and what waits for its author's first sign-in [${dialect}]`, async (t) => {
    const skip = await skipReason(dialect);
    if (skip) return t.skip(skip);
    const app = await startTestApp(dialect);
    try {
      const seeded = await mend(['seed', '--couples', '1', '--days', '20', '--json'], envFor(app));
      assert.equal(seeded.code, 0, seeded.err);
      const summary = JSON.parse(seeded.out) as SeedSummary;
      const [first] = summary.sample[0]!.emails;

      const before = await mend(['private-texts'], envFor(app));
      assert.equal(before.code, 0, before.err);
      assert.equal(figure(before.out, /own key:\s+(\d+)/), 0);
      const waiting = figure(before.out, /server's key:\s+(\d+)/);
      assert.ok(waiting > 0, before.out);
      assert.match(before.out, /by 2 people/);
      assert.equal(figure(before.out, /personal key yet:\s+(\d+)/), 2);
      assert.equal(await personalValues(app), 0);

      const signedIn = await new ApiClient(app.app).post('/api/v1/sessions', { email: first, password: summary.password });
      assert.equal(signedIn.statusCode, 201, signedIn.body);
      assert.match(json(signedIn).recoveryCode, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/, 'the key is made at this sign-in, with its code');

      const after = await mend(['private-texts'], envFor(app));
      const locked = figure(after.out, /own key:\s+(\d+)/);
      assert.ok(locked > 0, after.out);
      assert.equal(figure(after.out, /server's key:\s+(\d+)/), waiting - locked, 'what was sealed again no longer waits');
      assert.match(after.out, /by 1 person/);
      assert.equal(figure(after.out, /personal key yet:\s+(\d+)/), 1);
      assert.ok((await personalValues(app)) > 0, 'private check-in notes of the one who signed in are under their key');
      for (const out of [before.out, after.out]) assert.ok(!out.includes('@') && !/Because I want/.test(out), 'counts only');
    } finally {
      await app.close();
    }
  });
}
