import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { cli as mend } from '../support/cli.js';
import type { SeedSummary } from '../../src/cli/commands/seed.js';
import type { SeedRecord } from '../../src/cli/commands/seed-record.js';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ApiClient } from '../support/api-client.js';
import { DIALECTS, skipReason } from '../support/databases.js';
import { allStoredTexts } from '../support/stored-texts.js';

type Counted =
  | 'accounts'
  | 'spaces'
  | 'space_members'
  | 'invitations'
  | 'breaches'
  | 'journeys'
  | 'journey_entries'
  | 'journey_acknowledgements'
  | 'agreements'
  | 'agreement_commitments'
  | 'checkins'
  | 'agreement_log_entries';

const envFor = (app: TestApp) => ({
  MEND_DATA_DIR: app.config.dataDir,
  LOG_LEVEL: 'silent',
  ...(app.config.databaseUrl ? { DATABASE_URL: app.config.databaseUrl } : {}),
});

async function counts(app: TestApp): Promise<Record<Counted | 'space_revisions', number>> {
  const db = app.app.mend.store.db;
  const tables: Array<Counted | 'space_revisions'> = [
    'accounts',
    'spaces',
    'space_members',
    'invitations',
    'breaches',
    'journeys',
    'journey_entries',
    'journey_acknowledgements',
    'agreements',
    'agreement_commitments',
    'checkins',
    'agreement_log_entries',
    'space_revisions',
  ];
  const out = {} as Record<Counted | 'space_revisions', number>;
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    out[table] = Number(rows[0]!.n);
  }
  return out;
}

async function signIn(app: TestApp, email: string, password: string): Promise<ApiClient> {
  const session = await new ApiClient(app.app).post('/api/v1/sessions', { email, password });
  assert.equal(session.statusCode, 201, session.body);
  return new ApiClient(app.app, json(session).token);
}

for (const dialect of DIALECTS) {
  test(`mend seed writes couples in bulk that the app reads as its own [${dialect}]`, async (t) => {
    const skip = await skipReason(dialect);
    if (skip) return t.skip(skip);
    const app = await startTestApp(dialect);
    try {
      const { code, out, err } = await mend(['seed', '--couples', '3', '--days', '30', '--json'], envFor(app));
      assert.equal(code, 0, err);
      assert.match(err, /3 of 3 couples written/, 'progress goes to standard error');
      const summary = JSON.parse(out) as SeedSummary;
      assert.equal(summary.couples, 3);
      assert.equal(summary.sample.length, 3);

      const n = await counts(app);
      assert.equal(n.accounts, 6);
      assert.equal(n.spaces, 3);
      assert.equal(n.space_members, 6);
      assert.equal(n.invitations, 3);
      assert.equal(n.breaches, 3);
      assert.equal(n.journeys, 3);
      assert.equal(n.journey_acknowledgements, 6);
      assert.equal(n.agreements, 9);
      assert.equal(n.agreement_commitments, 9);
      assert.equal(n.journey_entries, 3 * 7);
      assert.equal(summary.entries, 3 * 7);
      assert.equal(n.checkins, summary.checkins);
      // Two partners, 30 days, most days (about one in eight is skipped).
      assert.ok(n.checkins > 3 * 2 * 30 * 0.7 && n.checkins <= 3 * 2 * 30, `check-ins: ${n.checkins}`);
      assert.equal(n.agreement_log_entries, summary.logEntries);
      assert.ok(n.agreement_log_entries > 3 * 30 * 0.7, `log entries: ${n.agreement_log_entries}`);
      const written = Object.entries(n)
        .filter(([table]) => table !== 'space_revisions')
        .reduce((sum, [, count]) => sum + count, 0);
      assert.equal(summary.rows, written, 'the summary counts every row written');
      // Every space has its revision row, whether the triggers wrote it or the seed did.
      assert.equal(n.space_revisions, 3);

      // Every encrypted column opens with its row's context: a wrong context or key would throw.
      const texts = await allStoredTexts(app);
      for (const expected of [
        'Months of saying work ran late',
        'Who else knew while I did not?',
        'Alex & Sam 000002',
        summary.sample[1]!.emails[1],
        'I text Sam before the time I said',
      ]) {
        assert.ok(texts.includes(expected), `decrypted texts include "${expected}"`);
      }

      const couple = summary.sample[1]!;
      const sam = await signIn(app, couple.emails[1], summary.password);
      const progress = await sam.get(`/api/v1/spaces/${couple.spaceId}/progress`);
      assert.equal(progress.statusCode, 200, progress.body);
      const body = json(progress);
      assert.equal(body.partners.length, 2);
      assert.ok(body.partners.some((p: { consistency: { occasions: number } }) => p.consistency.occasions > 10));
      const journey = await sam.get(`/api/v1/journeys/${couple.journeyId}`);
      assert.equal(journey.statusCode, 200, journey.body);
      const entries = await sam.get(`/api/v1/journeys/${couple.journeyId}/entries`);
      assert.equal(entries.statusCode, 200, entries.body);
      assert.match(entries.body, /That I doubted myself for months while you knew\./, 'a shared entry reads back');
      assert.match(entries.body, /One friend from work\./, "the partner's shared answer reads back");
      // Alex's private reason stays Alex's: Sam never sees it, Alex does.
      assert.doesNotMatch(entries.body, /Because I want us/);
      const alex = await signIn(app, couple.emails[0], summary.password);
      const own = await alex.get(`/api/v1/journeys/${couple.journeyId}/entries`);
      assert.equal(own.statusCode, 200, own.body);
      assert.match(own.body, /Because I want us/);

      // Another couple's space stays out of reach for this seeded person.
      const other = await sam.get(`/api/v1/spaces/${summary.sample[0]!.spaceId}/progress`);
      assert.equal(other.statusCode, 404);

      const record = JSON.parse(fs.readFileSync(path.join(app.config.dataDir, 'seed-run.json'), 'utf8')) as SeedRecord;
      assert.equal(record.done, 3);
      assert.equal(record.password, summary.password);
      assert.equal(fs.statSync(path.join(app.config.dataDir, 'seed-run.json')).mode & 0o077, 0, 'the record is readable by its owner only');
    } finally {
      await app.close();
    }
  });

  test(`an interrupted seed run is refused until resumed, and --resume finishes it [${dialect}]`, async (t) => {
    const skip = await skipReason(dialect);
    if (skip) return t.skip(skip);
    const app = await startTestApp(dialect);
    try {
      const env = envFor(app);
      const first = await mend(['seed', '--couples', '2', '--days', '10', '--json'], env);
      assert.equal(first.code, 0, first.err);
      // As if the run had been asked for four couples and stopped after two.
      const file = path.join(app.config.dataDir, 'seed-run.json');
      const record = JSON.parse(fs.readFileSync(file, 'utf8')) as SeedRecord;
      fs.writeFileSync(file, JSON.stringify({ ...record, couples: 4 }));

      const refused = await mend(['seed', '--couples', '5', '--days', '10'], env);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /stopped after 2 of 4 couples.*mend seed --resume/s);
      assert.equal((await counts(app)).accounts, 4, 'nothing was written by the refused run');

      const resumed = await mend(['seed', '--resume', '--json'], env);
      assert.equal(resumed.code, 0, resumed.err);
      const summary = JSON.parse(resumed.out) as SeedSummary;
      assert.equal(summary.couples, 4);
      assert.equal(summary.password, record.password);
      const n = await counts(app);
      assert.equal(n.accounts, 8);
      assert.equal(n.spaces, 4);
      assert.equal(summary.checkins, n.checkins);
      // The resumed couples sign in with the run's one password.
      await signIn(app, 'sam.000004.' + record.tag + '@seed.mend.invalid', record.password);

      const nothingLeft = await mend(['seed', '--resume'], env);
      assert.equal(nothingLeft.code, 0, nothingLeft.err);
      assert.equal((await counts(app)).accounts, 8, 'resuming a finished run writes nothing');
    } finally {
      await app.close();
    }
  });
}

test('mend seed refuses unknown or out-of-range arguments', async () => {
  for (const args of [
    ['--bogus'],
    ['--couples'],
    ['--couples', '0'],
    ['--couples', 'many'],
    ['--days', '99999'],
    ['--resume', '--couples', '3'],
  ]) {
    const { code, err } = await mend(['seed', ...args], { MEND_DATA_DIR: '/nonexistent-mend-seed' });
    assert.equal(code, 2, args.join(' '));
    assert.match(err, /Usage: mend seed/);
  }
});

test('mend seed --resume without an earlier run says so', async () => {
  const dir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'mend-seed-'));
  try {
    const { code, err } = await mend(['seed', '--resume'], { MEND_DATA_DIR: dir, LOG_LEVEL: 'silent' });
    assert.equal(code, 1);
    assert.match(err, /no seed run to resume/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
