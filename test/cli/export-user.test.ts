import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { activeTherapist } from '../support/live-people.js';
import { cli } from '../support/cli.js';

/**
 * `mend export-user <email> [file]` (issue #19, item 5): the operator's copy of one account's
 * export is that person's own export, nothing more — never the partner's private writing — and it
 * is refused without the consent flag, before anything is read.
 */
const CONSENT = '--yes-i-have-their-consent';

describeEachDatabase('mend export-user', (get) => {
  const env = () => ({
    MEND_DATA_DIR: get().database.dataDir,
    ...(get().database.databaseUrl ? { DATABASE_URL: get().database.databaseUrl! } : {}),
    LOG_LEVEL: 'silent',
  });

  /** Alex and Sam, each with a shared and a private reassurance request and a private check-in note; Alex's breach is private. */
  async function coupleWithCanaries(): Promise<{ a: Person; b: Person; spaceId: string }> {
    const { a, b, spaceId } = await couple(get().app);
    const today = new Date().toISOString().slice(0, 10);
    const breach = await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
      kind: 'infidelity',
      brokeTrust: [a.id],
      description: { text: 'CliAlexPrivateDescription', visibility: 'private' },
    });
    assert.equal(breach.statusCode, 201, breach.body);
    for (const [p, who] of [
      [a, 'Alex'],
      [b, 'Sam'],
    ] as const) {
      for (const [text, visibility] of [
        [`Cli${who}SharedRequest`, 'shared'],
        [`Cli${who}PrivateRequest`, 'private'],
      ] as const) {
        const request = await p.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text, visibility } });
        assert.equal(request.statusCode, 201, request.body);
      }
      const checkin = await p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
        safety: 5,
        trust: 5,
        closeness: 5,
        note: { text: `Cli${who}PrivateCheckin`, visibility: 'private' },
      });
      assert.ok(checkin.statusCode < 300, checkin.body);
    }
    return { a, b, spaceId };
  }

  test("writes the person's own export to standard output: theirs without what they kept private, and never the partner's", async () => {
    const { a } = await coupleWithCanaries();
    await a.api.post('/api/v1/sessions/current/reauthenticate', { password: a.password });
    const own = await a.api.get('/api/v1/me/export');
    assert.equal(own.statusCode, 200);

    const run = await cli(['export-user', a.email, CONSENT], env());
    assert.equal(run.code, 0, run.err);
    assert.equal(run.err, '', 'nothing but the export is written');
    const privately = ['CliAlexPrivateDescription', 'CliAlexPrivateRequest', 'CliAlexPrivateCheckin'];
    // Their own export, made in their own request, holds what they kept private (their key opens it)…
    for (const mine of privately) assert.ok(own.body.includes(mine), `${mine} is in their own export`);
    for (const shared of ['CliAlexSharedRequest', 'CliSamSharedRequest']) assert.ok(run.out.includes(shared), `${shared} is in the export`);
    // …the operator's does not: it is locked with the person's own key (issue #23).
    for (const mine of privately) assert.ok(!run.out.includes(mine), `${mine} is not in the operator's export`);
    for (const theirs of ['CliSamPrivateRequest', 'CliSamPrivateCheckin']) assert.ok(!run.out.includes(theirs), `${theirs} is not`);
    assert.ok(!run.out.includes('passwordHash') && !run.out.includes('$argon2'), 'no password hash');
    const doc = JSON.parse(run.out) as Record<string, unknown>;
    assert.equal(doc.format, 'mend-export');
    assert.deepEqual(Object.keys(doc), Object.keys(json(own) as object), 'the same export, in the same shape');
  });

  test('writes to a new file only the operator can read, and never over an existing one', async () => {
    const { b } = await coupleWithCanaries();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-export-user-'));
    try {
      const file = path.join(dir, 'sam.json');
      const run = await cli(['export-user', b.email, file, CONSENT], env());
      assert.equal(run.code, 0, run.err);
      assert.equal(run.out, '', 'the export goes to the file, not the screen');
      assert.match(run.err, /give it to them alone/i);
      for (const canary of ['Cli', 'Sam', b.email]) assert.ok(!run.err.includes(canary), 'the message quotes nothing of theirs');
      const text = fs.readFileSync(file, 'utf8');
      const doc = JSON.parse(text) as { account: { email: string } };
      assert.equal(doc.account.email, b.email);
      assert.ok(text.includes('CliAlexSharedRequest'), 'what the partner shared');
      for (const closed of ['CliSamPrivateRequest', 'CliSamPrivateCheckin'])
        assert.ok(!text.includes(closed), `${closed}: locked with Sam's own key`);
      assert.match(run.err, /without what\s+they kept private/);
      for (const theirs of ['CliAlexPrivateDescription', 'CliAlexPrivateRequest', 'CliAlexPrivateCheckin'])
        assert.ok(!text.includes(theirs), `${theirs} is not in Sam's export`);
      if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o077, 0, 'nobody else may read it');

      const again = await cli(['export-user', b.email, file, CONSENT], env());
      assert.equal(again.code, 1);
      assert.match(again.err, /already exists/);
      assert.equal(fs.readFileSync(file, 'utf8'), text, 'the first file is untouched');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses without the consent flag, saying why, and reads nothing', async () => {
    const { a } = await coupleWithCanaries();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-export-user-'));
    try {
      const file = path.join(dir, 'alex.json');
      for (const args of [
        ['export-user', a.email],
        ['export-user', a.email, file],
      ]) {
        const run = await cli(args, env());
        assert.equal(run.code, 2);
        assert.equal(run.out, '', 'no export');
        assert.match(run.err, /not without the person's consent/);
        assert.match(run.err, /--yes-i-have-their-consent/);
        assert.ok(!run.err.includes('Cli'), 'nothing they wrote');
      }
      assert.equal(fs.existsSync(file), false, 'no file was written');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unknown email, a missing one and a stray option are refused plainly', async () => {
    const unknown = await cli(['export-user', `nobody.${Date.now()}@example.org`, CONSENT], env());
    assert.equal(unknown.code, 1);
    assert.equal(unknown.out, '');
    assert.match(unknown.err, /no account with that email\. Nothing was written\./);
    const missing = await cli(['export-user', CONSENT], env());
    assert.equal(missing.code, 2);
    assert.match(missing.err, /Usage: mend export-user <email> \[file\]/);
    const stray = await cli(['export-user', 'someone@example.org', '--yes', CONSENT], env());
    assert.equal(stray.code, 2);
    assert.match(stray.err, /Usage: mend export-user/);
  });

  test("a therapist's export holds only what the couple shared, and the couple's access log shows the operator made it", async () => {
    const { a, b, spaceId } = await coupleWithCanaries();
    const t = await activeTherapist(get().app, a, b, spaceId);
    const run = await cli(['export-user', t.email, CONSENT], env());
    assert.equal(run.code, 0, run.err);
    for (const shared of ['CliAlexSharedRequest', 'CliSamSharedRequest']) assert.ok(run.out.includes(shared), shared);
    for (const secret of [
      'CliAlexPrivateDescription',
      'CliAlexPrivateRequest',
      'CliAlexPrivateCheckin',
      'CliSamPrivateRequest',
      'CliSamPrivateCheckin',
    ])
      assert.ok(!run.out.includes(secret), `${secret} is not in the therapist's export`);
    const entries = json(await a.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries as Array<{ what: string }>;
    assert.ok(
      entries.some((e) => e.what === 'mend export-user (operator export)'),
      'the couple can see the export was made',
    );
  });
});
