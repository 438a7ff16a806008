import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { startTestApp } from '../support/app.js';
import { signUp } from '../support/api-client.js';
import { cli } from '../support/cli.js';

test('mend with no command prints usage; an unknown command fails clearly', async () => {
  const none = await cli([], {});
  assert.equal(none.code, 2);
  assert.match(none.out, /Usage: mend/);
  const unknown = await cli(['frobnicate'], {});
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown command "frobnicate"/);
});

test('migrate creates and updates the database', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-cli-'));
  try {
    const first = await cli(['migrate'], { MEND_DATA_DIR: dir });
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /Applied: 0001-foundation/);
    const second = await cli(['migrate'], { MEND_DATA_DIR: dir });
    assert.match(second.out, /up to date/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('backup while Mend runs, then restore into a fresh folder, keeps every account', async () => {
  const running = await startTestApp('sqlite');
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-restore-'));
  try {
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await signUp(running.app, `Person${i}`));
    const backupFile = path.join(running.database.dataDir, 'out', 'backup.db');
    const backup = await cli(['backup', backupFile], { MEND_DATA_DIR: running.database.dataDir });
    assert.equal(backup.code, 0, backup.err);
    assert.match(backup.out, /Backed up to/);
    const again = await cli(['backup', backupFile], { MEND_DATA_DIR: running.database.dataDir });
    assert.equal(again.code, 1, 'an existing backup is never overwritten');

    assert.equal(fs.statSync(backupFile).mode & 0o777, 0o600, 'the backup is readable by its owner alone');
    // A new machine's data folder: the key file goes back first (restore-checks.ts refuses otherwise).
    fs.copyFileSync(path.join(running.database.dataDir, 'mend.key'), path.join(target, 'mend.key'));
    const restore = await cli(['restore', backupFile], { MEND_DATA_DIR: target });
    assert.equal(restore.code, 0, restore.err);
    const db = new SQLite(path.join(target, 'mend.db'), { readonly: true });
    assert.equal(db.prepare('select count(*) from accounts').pluck().get(), 3);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();

    const bogus = path.join(target, 'not-a-db.db');
    fs.writeFileSync(bogus, 'hello');
    const refused = await cli(['restore', bogus], { MEND_DATA_DIR: target });
    assert.equal(refused.code, 1);
    assert.match(refused.err, /is not a Mend backup this Mend can restore: it is not a (healthy )?SQLite database/);
  } finally {
    await running.close();
    fs.rmSync(target, { recursive: true, force: true });
  }
});

test('on PostgreSQL, backup prints the pg_dump command and fails, so a cron job does not look successful', async () => {
  const result = await cli(['backup', 'x.dump'], { DATABASE_URL: 'postgres://mend:secret@127.0.0.1/none' });
  assert.equal(result.code, 1);
  assert.match(result.err, /pg_dump --format=custom --file=x\.dump "\$DATABASE_URL"/);
  assert.ok(!result.err.includes('secret') && !result.out.includes('secret'), 'the password is never printed');
});

test('rotate-key adds a key, re-encrypts every value, and Mend still reads everything', async () => {
  const running = await startTestApp('sqlite');
  const dataDir = running.database.dataDir;
  let keepDir = false;
  try {
    const person = await signUp(running.app, 'Rotating');
    await person.api.post('/api/v1/spaces', { name: 'Before the rotation' });
    await running.app.close();
    const before = new SQLite(path.join(dataDir, 'mend.db'), { readonly: true });
    const oldKey = (before.prepare('select display_name_enc from accounts').pluck().get() as string).split('.')[1];
    before.close();

    const first = await cli(['rotate-key'], { MEND_DATA_DIR: dataDir });
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /Added a new key/);
    assert.match(first.out, /re-encrypted with key/);
    const after = new SQLite(path.join(dataDir, 'mend.db'), { readonly: true });
    const values = [
      ...(after.prepare('select email_enc, display_name_enc from accounts').raw().all() as string[][]).flat(),
      ...(after.prepare('select name_enc from spaces').pluck().all() as string[]),
    ];
    after.close();
    assert.ok(values.length >= 3);
    for (const v of values) assert.notEqual(v.split('.')[1], oldKey, 'every value moved to the new key');

    const again = await cli(['rotate-key', '--reencrypt-only'], { MEND_DATA_DIR: dataDir });
    assert.match(again.out, /0 re-encrypted/, 'a second run has nothing left to do');

    const { loadConfig } = await import('../../src/platform/config.js');
    const { buildApp } = await import('../../src/app.js');
    const reopened = await buildApp(loadConfig({ MEND_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    try {
      const signIn = await reopened.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: person.email, password: person.password }),
      });
      assert.equal(signIn.statusCode, 201, 'the email index still finds the account');
      const token = JSON.parse(signIn.body).token;
      const me = JSON.parse(
        (await reopened.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).body,
      );
      assert.equal(me.account.displayName, 'Rotating');
      assert.deepEqual(
        me.spaces.map((s: { name: string }) => s.name),
        ['Before the rotation'],
      );
    } finally {
      await reopened.close();
    }
  } catch (error) {
    keepDir = true;
    throw error;
  } finally {
    if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
