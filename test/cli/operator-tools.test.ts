import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { startTestApp } from '../support/app.js';
import { signUp } from '../support/api-client.js';
import { cli } from '../support/cli.js';
import { readMessage, startSmtp } from '../support/smtp.js';
import { loadConfig } from '../../src/platform/config.js';
import { MEND_CLI, ROOT } from '../../scripts/reliability/mend-server.js';

/** `mend --version`, `mend mail-test`, the data folder the CLI uses, and restores that cannot hurt (issue #21). */

const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

test('mend --version prints package.json’s version, in process and from the installed command', async () => {
  const result = await cli(['--version'], {});
  assert.deepEqual(result, { code: 0, out: `mend ${version}\n`, err: '' });
  const built = spawnSync(process.execPath, [MEND_CLI, '--version'], { cwd: os.tmpdir(), encoding: 'utf8' });
  if (built.status === 2 && /compiled code is missing/.test(built.stderr)) return; // npm run build not run
  assert.equal(built.stdout, `mend ${version}\n`);
});

test('the CLI and the server find the data folder the same way: in Mend’s folder, whatever the current folder', () => {
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-cwd-'));
  try {
    const built = spawnSync(process.execPath, [MEND_CLI, 'backup', 'x.db'], {
      cwd: elsewhere,
      env: { PATH: process.env.PATH, MEND_DATA_DIR: 'no-such-mend-folder' },
      encoding: 'utf8',
    });
    if (!(built.status === 2 && /compiled code is missing/.test(built.stderr))) {
      assert.equal(built.status, 1);
      assert.ok(built.stderr.includes(path.join(ROOT, 'no-such-mend-folder', 'mend.db')), built.stderr);
      assert.ok(!fs.existsSync(path.join(ROOT, 'no-such-mend-folder')), 'nothing was created');
    }
    const cwd = process.cwd();
    process.chdir(elsewhere);
    try {
      // The server's own configuration (main.ts calls loadConfig() too).
      assert.equal(loadConfig({}).dataDir, path.join(ROOT, 'data'));
      assert.equal(loadConfig({ MEND_DATA_DIR: 'mine' }).dataDir, path.join(ROOT, 'mine'));
      assert.equal(loadConfig({ MEND_DATA_DIR: '/srv/mend-data' }).dataDir, '/srv/mend-data');
    } finally {
      process.chdir(cwd);
    }
  } finally {
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('mail-test sends through the configured SMTP server, and reports its refusal or absence clearly', async () => {
  const smtp = await startSmtp();
  try {
    const sent = await cli(['mail-test', 'operator@example.org'], smtp.env);
    assert.equal(sent.code, 0, sent.err);
    assert.match(sent.out, new RegExp(`^Sent\\. 127\\.0\\.0\\.1:${smtp.port} accepted the test email`));
    const message = readMessage(await smtp.messageTo('operator@example.org'));
    assert.equal(message.headers.subject, 'Mend test email');
    assert.match(message.body, /sent by its operator with mend mail-test/);

    smtp.refuseNext(1);
    const refused = await cli(['mail-test', 'operator@example.org'], smtp.env);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /the email was not sent\. The mail server answered 451: .*Busy, try again later/);
  } finally {
    await smtp.close();
  }
  const closed = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const unreachable = await cli(['mail-test', 'operator@example.org'], { MEND_SMTP_URL: `smtp://mend:secret@127.0.0.1:${closed}` });
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.err, /the email was not sent\. Mend could not reach the mail server at 127\.0\.0\.1:\d+ \(connect ECONNREFUSED/);
  assert.ok(!unreachable.err.includes('secret'), 'the SMTP password is never printed');

  const cases: Array<[string[], Record<string, string>, number, RegExp]> = [
    [['mail-test'], {}, 2, /Usage: mend mail-test <address>/],
    [['mail-test', 'a@example.org', 'b@example.org'], {}, 2, /Usage/],
    [
      ['mail-test', 'not an address'],
      { MEND_SMTP_URL: 'smtp://127.0.0.1:1' },
      2,
      /not an email address \(like name@example\.org\)\. Nothing was sent/,
    ],
    [['mail-test', 'operator@example.org'], { MEND_SMTP_URL: '' }, 1, /MEND_SMTP_URL is not set/],
  ];
  for (const [args, env, code, message] of cases) {
    const result = await cli(args, env);
    assert.equal(result.code, code, `${args.join(' ')}: ${result.err}`);
    assert.match(result.err, message);
    assert.equal(result.out, '');
  }
});

/** A Mend with one account, backed up; the backup file and the folder its key is in. */
async function backedUp(): Promise<{ file: string; keyDir: string; cleanup: () => Promise<void> }> {
  const running = await startTestApp('sqlite');
  await signUp(running.app, 'Backed');
  const file = path.join(running.database.dataDir, 'out', 'backup.db');
  assert.equal((await cli(['backup', file], { MEND_DATA_DIR: running.database.dataDir })).code, 0);
  return { file, keyDir: running.database.dataDir, cleanup: () => running.close() };
}

test('restore refuses, before touching anything, a file that is not a Mend database of a schema this Mend knows', async () => {
  const { file, keyDir, cleanup } = await backedUp();
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-restore-checks-'));
  try {
    fs.copyFileSync(path.join(keyDir, 'mend.key'), path.join(target, 'mend.key'));
    const restore = (from: string) => cli(['restore', from], { MEND_DATA_DIR: target });

    const oneTable = path.join(target, 'one-table.db');
    const other = new SQLite(oneTable);
    other.exec('create table notes (id integer primary key, text text)');
    other.close();
    const notMend = await restore(oneTable);
    assert.equal(notMend.code, 1);
    assert.match(notMend.err, /it is not a Mend database \(it has no record of Mend’s migrations\)\. Nothing was changed/);

    const newer = path.join(target, 'newer.db');
    fs.copyFileSync(file, newer);
    const edit = new SQLite(newer);
    edit.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('0099-from-the-future', new Date().toISOString());
    edit.close();
    const tooNew = await restore(newer);
    assert.equal(tooNew.code, 1);
    assert.match(tooNew.err, /written by a newer version of Mend \(it has run 0099-from-the-future\)/);

    const noFoundation = path.join(target, 'no-foundation.db');
    fs.copyFileSync(file, noFoundation);
    const edit2 = new SQLite(noFoundation);
    edit2.prepare("delete from kysely_migration where name = '0001-foundation'").run();
    edit2.close();
    assert.match((await restore(noFoundation)).err, /lacks 0001-foundation/);

    assert.ok(!fs.existsSync(path.join(target, 'mend.db')), 'nothing was restored');
    const good = await restore(file);
    assert.equal(good.code, 0, good.err);
    assert.equal(fs.statSync(path.join(target, 'mend.db')).mode & 0o777, 0o600, 'the restored database is its owner’s alone');
  } finally {
    fs.rmSync(target, { recursive: true, force: true });
    await cleanup();
  }
});

test('restore refuses a backup the key ring cannot read: no key, another key file, another MEND_ENCRYPTION_KEY', async () => {
  const { file, cleanup } = await backedUp();
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-restore-keys-'));
  const otherMend = await startTestApp('sqlite');
  try {
    const noKey = await cli(['restore', file], { MEND_DATA_DIR: target });
    assert.equal(noKey.code, 1);
    assert.match(noKey.err, /there is no key to read it with: no key file at .*mend\.key and MEND_ENCRYPTION_KEY is not set/);
    assert.ok(!fs.existsSync(path.join(target, 'mend.key')), 'no key file was made');

    fs.copyFileSync(path.join(otherMend.database.dataDir, 'mend.key'), path.join(target, 'mend.key'));
    const otherKey = await cli(['restore', file], { MEND_DATA_DIR: target });
    assert.equal(otherKey.code, 1);
    assert.match(otherKey.err, /it was written with key \S+, which the key file .* does not hold/);

    const envKey = Buffer.alloc(32, 7).toString('base64');
    const fromEnv = await cli(['restore', file], { MEND_DATA_DIR: target, MEND_ENCRYPTION_KEY: `kother:${envKey}` });
    assert.equal(fromEnv.code, 1);
    assert.match(fromEnv.err, /which MEND_ENCRYPTION_KEY does not hold/);
    assert.ok(!fs.existsSync(path.join(target, 'mend.db')), 'nothing was restored');
  } finally {
    fs.rmSync(target, { recursive: true, force: true });
    await otherMend.close();
    await cleanup();
  }
});
