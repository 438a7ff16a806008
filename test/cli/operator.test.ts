import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import SQLite from 'better-sqlite3';
import { runCli } from '../../src/cli/main.js';
import { startTestApp } from '../support/app.js';
import { signUp } from '../support/api-client.js';

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr });
    return { code, out, err };
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

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
    assert.match(refused.err, /not a healthy Mend backup/);
  } finally {
    await running.close();
    fs.rmSync(target, { recursive: true, force: true });
  }
});

test('on PostgreSQL, backup explains how to use pg_dump', async () => {
  const result = await cli(['backup', 'x.db'], { DATABASE_URL: 'postgres://127.0.0.1/none' });
  assert.equal(result.code, 0);
  assert.match(result.out, /pg_dump/);
});
