// Upgrading from the very first schema: a database made by Mend's first release (only migration
// 0001-foundation, see scripts/make-fixture-0001.ts) is opened by today's Mend. Every row must
// survive, every account must still sign in, and the file must be copied aside before migrating.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/platform/config.js';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { localDate } from '../../src/core/time.js';
import { MIGRATIONS } from '../../src/platform/db/migrations/index.js';
import { ApiClient } from '../support/api-client.js';
import { json } from '../support/app.js';

const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/upgrade-0001');
/** Test-only key: it encrypts nothing but the fixture's invented people. */
const TEST_KEY = fs.readFileSync(path.join(FIXTURE_DIR, 'TEST-ONLY-encryption-key.txt'), 'utf8').trim();

interface FixturePerson {
  key: string;
  id: string;
  email: string;
  password: string;
  displayName: string;
  timezone: string;
  bearerToken: string;
}
interface Fixture {
  clock: string;
  counts: Record<string, number>;
  people: FixturePerson[];
  spaces: Array<{ id: string; name: string; members: string[] }>;
  openInvitationCode: string;
  usedInvitationCode: string;
}
const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'fixture.json'), 'utf8')) as Fixture;
const TABLES = ['accounts', 'sessions', 'spaces', 'space_members', 'invitations'] as const;
const person = (key: string): FixturePerson => fixture.people.find((p) => p.key === key)!;

type Row = Record<string, unknown>;
function readRows(file: string): Record<string, Row[]> {
  const db = new SQLite(file, { readonly: true });
  try {
    const rows: Record<string, Row[]> = {};
    for (const table of TABLES) rows[table] = db.prepare(`select * from ${table} order by rowid`).all() as Row[];
    return rows;
  } finally {
    db.close();
  }
}

describe('upgrading a database made with only 0001-foundation', () => {
  let dataDir = '';
  let app: FastifyInstance;
  let before0001: Record<string, Row[]>;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-upgrade-'));
    fs.copyFileSync(path.join(FIXTURE_DIR, 'mend.db'), path.join(dataDir, 'mend.db'));
    before0001 = readRows(path.join(dataDir, 'mend.db'));
    const config = loadConfig({ MEND_DATA_DIR: dataDir, MEND_ENCRYPTION_KEY: TEST_KEY, LOG_LEVEL: 'silent' });
    app = await buildApp(config, { clock: fixedClock(new Date(fixture.clock)) });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the fixture really is the first schema, with the rows it describes', () => {
    for (const table of TABLES) assert.equal(before0001[table]!.length, fixture.counts[table], table);
    // A copy: opening the committed file itself would leave WAL files beside it.
    const pristine = path.join(dataDir, 'pristine-0001.db');
    fs.copyFileSync(path.join(FIXTURE_DIR, 'mend.db'), pristine);
    const db = new SQLite(pristine, { readonly: true });
    try {
      assert.deepEqual(db.prepare('select name from kysely_migration').pluck().all(), ['0001-foundation']);
    } finally {
      db.close();
    }
  });

  test('every migration ran, and the file was copied aside first', () => {
    const store = app.mend.store;
    const names = store.sqlite!.prepare('select name from kysely_migration order by name').pluck().all();
    assert.deepEqual(names, Object.keys(MIGRATIONS).sort());

    const backups = fs.readdirSync(path.join(dataDir, 'backups'));
    assert.equal(backups.length, 1, backups.join());
    assert.match(backups[0]!, /^mend-.*-before-0002-journeys\.db$/);
    const copy = new SQLite(path.join(dataDir, 'backups', backups[0]!), { readonly: true });
    try {
      assert.deepEqual(
        copy.prepare('select name from kysely_migration').pluck().all(),
        ['0001-foundation'],
        'the backup is from before the upgrade',
      );
      for (const table of TABLES)
        assert.equal(copy.prepare(`select count(*) from ${table}`).pluck().get(), fixture.counts[table], `backup ${table}`);
      assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      copy.close();
    }
  });

  test('every row of every first-schema table survived unchanged, and the file is intact', () => {
    const sqlite = app.mend.store.sqlite!;
    assert.equal(sqlite.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(sqlite.pragma('foreign_key_check'), []);
    for (const table of TABLES) {
      const now = sqlite.prepare(`select * from ${table} order by rowid`).all() as Row[];
      assert.equal(now.length, before0001[table]!.length, table);
      for (const [i, old] of before0001[table]!.entries()) {
        // Later migrations may add columns; every column the first schema had keeps its value,
        // except encrypted ones: migration 0011 seals them again, bound to their row (v1 → v2),
        // and the tests below read them back.
        for (const [column, value] of Object.entries(old)) {
          if (column.endsWith('_enc')) {
            assert.match(String(value), /^v1\./, `${table}.${column} row ${i} was written in the old format`);
            assert.match(String(now[i]![column]), /^v2\./, `${table}.${column} row ${i} is bound now`);
          } else {
            assert.deepEqual(now[i]![column], value, `${table}.${column} row ${i}`);
          }
        }
      }
    }
  });

  test('bearer sessions made before the upgrade still work', async () => {
    for (const p of fixture.people) {
      const me = await new ApiClient(app, p.bearerToken).get('/api/v1/me');
      assert.equal(me.statusCode, 200, `${p.key}: ${me.body}`);
      assert.equal(json(me).account.id, p.id);
    }
    assert.equal((await new ApiClient(app, 'not-a-token').get('/api/v1/me')).statusCode, 401);
  });

  test('spaces keep their members; the open invitation still works and the used one does not', async () => {
    const [shared, solo] = fixture.spaces;
    const alex = new ApiClient(app, person('alex').bearerToken);
    const space = json(await alex.get(`/api/v1/spaces/${shared!.id}`)).space;
    assert.equal(space.name, shared!.name);
    assert.deepEqual(space.members.map((m: { accountId: string }) => m.accountId).sort(), [...shared!.members].sort());
    assert.equal((await alex.get(`/api/v1/spaces/${solo!.id}`)).statusCode, 404, 'not a member of the other space');

    const kai = new ApiClient(app, person('kai').bearerToken);
    assert.equal((await kai.post(`/api/v1/invitations/${fixture.usedInvitationCode}/accept`)).statusCode, 404);
    const accepted = await kai.post(`/api/v1/invitations/${fixture.openInvitationCode}/accept`);
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(json(accepted).space.id, solo!.id);
  });

  test('old data works with features added later: partners from the first schema check in', async () => {
    const [shared] = fixture.spaces;
    for (const key of ['alex', 'sam']) {
      const p = person(key);
      const date = localDate(new Date(fixture.clock), p.timezone);
      const res = await new ApiClient(app, p.bearerToken).put(`/api/v1/spaces/${shared!.id}/checkins/${date}`, {
        safety: 6,
        trust: 5,
        closeness: 7,
      });
      assert.equal(res.statusCode, 201, `${key}: ${res.body}`);
    }
  });

  test('every account signs in with its password, and its encrypted name, email and spaces read back', async () => {
    for (const p of fixture.people) {
      const signedIn = await new ApiClient(app).post('/api/v1/sessions', { email: p.email.toUpperCase(), password: p.password });
      assert.equal(signedIn.statusCode, 201, `${p.key}: ${signedIn.body}`);
      const me = await new ApiClient(app, json(signedIn).token).get('/api/v1/me');
      assert.equal(me.statusCode, 200, me.body);
      const body = json(me);
      assert.equal(body.account.id, p.id);
      assert.equal(body.account.email, p.email);
      assert.equal(body.account.displayName, p.displayName);
      assert.equal(body.account.timezone, p.timezone);
      // Kai joined the second space by its open invitation in a test above.
      const solo = fixture.spaces[1]!;
      const expected = fixture.spaces
        .filter((s) => s.members.includes(p.id) || (p.key === 'kai' && s.id === solo.id))
        .map((s) => ({ id: s.id, name: s.name }));
      assert.deepEqual(
        body.spaces.map((s: { id: string; name: string }) => ({ id: s.id, name: s.name })),
        expected,
      );
    }
    const wrong = await new ApiClient(app).post('/api/v1/sessions', { email: person('alex').email, password: 'not the password at all' });
    assert.equal(wrong.statusCode, 401);
    // A first sign-in after the upgrade makes the person's own key and ends their older sessions,
    // which hold no wrap of it (issue #23, docs/encryption.md): so this runs after every test that uses them.
    for (const p of fixture.people) assert.equal((await new ApiClient(app, p.bearerToken).get('/api/v1/me')).statusCode, 401, p.key);
  });
});
