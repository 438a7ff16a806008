import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { cli as mend } from '../support/cli.js';
import type { SeedSummary } from '../../src/cli/commands/seed.js';
import type { SeedRecord } from '../../src/cli/commands/seed-record.js';
import { dropIndexes, readBulkIndexes } from '../../src/cli/commands/seed-indexes.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { skipReason } from '../support/databases.js';

const envFor = (app: TestApp) => ({ MEND_DATA_DIR: app.config.dataDir, LOG_LEVEL: 'silent', DATABASE_URL: app.config.databaseUrl! });
const recordOf = (app: TestApp) => JSON.parse(fs.readFileSync(path.join(app.config.dataDir, 'seed-run.json'), 'utf8')) as SeedRecord;

test('a seed into empty tables builds the bulk indexes afterwards, exactly as the migrations define them [postgres]', async (t) => {
  const skip = await skipReason('postgres');
  if (skip) return t.skip(skip);
  const app = await startTestApp('postgres');
  try {
    const store = app.app.mend.store;
    const before = await readBulkIndexes(store);
    // The migrations' indexes of the two bulk tables, the unique constraint among them.
    assert.ok(before.length >= 6, `bulk indexes: ${before.map((i) => i.name).join(', ')}`);
    assert.ok(
      before.some(
        (i) => i.name === 'checkins_one_per_day' && /^alter table checkins add constraint checkins_one_per_day UNIQUE/i.test(i.create),
      ),
    );
    assert.ok(
      before.some((i) => i.name === 'checkins_space_notes' && /WHERE/.test(i.create)),
      'a partial index keeps its condition',
    );

    const { code, out, err } = await mend(['seed', '--couples', '3', '--days', '20', '--json'], envFor(app));
    assert.equal(code, 0, err);
    assert.match(
      err,
      new RegExp(`the ${before.length} indexes of checkins and agreement_log_entries are built after the rows are written`),
    );
    for (const index of before) assert.match(err, new RegExp(`built ${index.name} \\(`));
    const summary = JSON.parse(out) as SeedSummary;
    assert.ok(summary.indexSeconds >= 0);
    assert.deepEqual(await readBulkIndexes(store), before, 'the same indexes, the same definitions');
    assert.deepEqual(recordOf(app).deferredIndexes, [], 'the record has nothing left to build');

    // The unique constraint is back and holds: a second check-in of the same person and day is refused.
    const { rows } = await sql<Record<string, unknown>>`select * from checkins limit 1`.execute(store.db);
    const copy = { ...rows[0]!, id: '00000000-0000-4000-8000-000000000001' };
    await assert.rejects(
      sql`insert into checkins (${sql.join(Object.keys(copy).map((c) => sql.ref(c)))}) values (${sql.join(Object.values(copy))})`.execute(
        store.db,
      ),
      /checkins_one_per_day/,
    );

    // Tables that hold rows are never stripped of their indexes: a second run loads through them.
    const again = await mend(['seed', '--couples', '1', '--days', '5'], envFor(app));
    assert.equal(again.code, 0, again.err);
    assert.doesNotMatch(again.err, /indexes/);
    assert.equal(recordOf(app).deferredIndexes, undefined);
    assert.deepEqual(await readBulkIndexes(store), before);
  } finally {
    await app.close();
  }
});

test('a run stopped before its indexes were built builds them when resumed [postgres]', async (t) => {
  const skip = await skipReason('postgres');
  if (skip) return t.skip(skip);
  const app = await startTestApp('postgres');
  try {
    const store = app.app.mend.store;
    const before = await readBulkIndexes(store);
    const first = await mend(['seed', '--couples', '2', '--days', '10', '--json'], envFor(app));
    assert.equal(first.code, 0, first.err);
    // As if the run had been asked for four couples and stopped after two, its indexes dropped
    // and one of them already built again when it stopped.
    await dropIndexes(
      store,
      before.filter((i) => i.name !== 'checkins_space_scores'),
    );
    const file = path.join(app.config.dataDir, 'seed-run.json');
    fs.writeFileSync(file, JSON.stringify({ ...recordOf(app), couples: 4, deferredIndexes: before }));
    assert.deepEqual(
      (await readBulkIndexes(store)).map((i) => i.name),
      ['checkins_space_scores'],
    );

    const resumed = await mend(['seed', '--resume'], envFor(app));
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.err, /4 of 4 couples written/);
    assert.doesNotMatch(resumed.err, /built checkins_space_scores/, 'an index that exists is left as it is');
    assert.match(resumed.err, /built checkins_one_per_day/);
    assert.deepEqual(await readBulkIndexes(store), before);
    assert.deepEqual(recordOf(app).deferredIndexes, []);
  } finally {
    await app.close();
  }
});

test('a finished run whose indexes were not built refuses a new run, and --resume builds them; a tampered list is never run [postgres]', async (t) => {
  const skip = await skipReason('postgres');
  if (skip) return t.skip(skip);
  const app = await startTestApp('postgres');
  try {
    const store = app.app.mend.store;
    const before = await readBulkIndexes(store);
    const first = await mend(['seed', '--couples', '2', '--days', '10'], envFor(app));
    assert.equal(first.code, 0, first.err);
    // As if building the indexes had failed (a full disk) after every couple was written.
    await dropIndexes(store, before);
    const file = path.join(app.config.dataDir, 'seed-run.json');
    const finished = { ...recordOf(app), deferredIndexes: before };
    fs.writeFileSync(file, JSON.stringify(finished));

    const refused = await mend(['seed', '--couples', '1', '--days', '5'], envFor(app));
    assert.equal(refused.code, 1);
    assert.match(refused.err, new RegExp(`stopped before it built ${before.length} indexes.*mend seed --resume`, 's'));

    fs.writeFileSync(
      file,
      JSON.stringify({ ...finished, deferredIndexes: [{ ...before[0]!, create: `${before[0]!.create}; drop table accounts` }] }),
    );
    const tampered = await mend(['seed', '--resume'], envFor(app));
    assert.equal(tampered.code, 1);
    assert.match(tampered.err, /not a list this command wrote/);
    assert.deepEqual(await readBulkIndexes(store), [], 'nothing was run');

    fs.writeFileSync(file, JSON.stringify(finished));
    const resumed = await mend(['seed', '--resume'], envFor(app));
    assert.equal(resumed.code, 0, resumed.err);
    assert.deepEqual(await readBulkIndexes(store), before);
  } finally {
    await app.close();
  }
});

test('tables with people in them keep their indexes while seeding [postgres]', async (t) => {
  const skip = await skipReason('postgres');
  if (skip) return t.skip(skip);
  const app = await startTestApp('postgres');
  try {
    // Someone has signed up on this installation; no check-ins yet.
    const signUp = await app.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { email: 'robin@example.org', password: 'quiet harbour lantern meadow', displayName: 'Robin' },
    });
    assert.equal(signUp.statusCode, 201, signUp.body);
    const run = await mend(['seed', '--couples', '1', '--days', '5'], envFor(app));
    assert.equal(run.code, 0, run.err);
    assert.doesNotMatch(run.err, /indexes/);
  } finally {
    await app.close();
  }
});
