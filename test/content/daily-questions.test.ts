import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import {
  checkLibrary,
  ITEM_TEXT_MAX,
  ITEM_TEXT_MIN,
  KINDS,
  MIN_COUPLE_ITEMS,
  MIN_COUPLE_PER_PHASE,
  MIN_SOLO_ITEMS,
  PHASES,
} from '../../src/core/daily-question/library.js';
import { libraryPath } from '../../src/features/daily-question/library-file.js';
import { serverPort } from '../support/ports.js';

/**
 * The daily question's library (issue #25) is a content file, reviewed and translated in one
 * place: content/daily-questions.json. This is its schema test, and the test that the built
 * server carries it (the container image copies only package.json, bin, dist and node_modules).
 */
const FILE = path.resolve('content/daily-questions.json');
const raw = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { couple: unknown[]; solo: unknown[] };

test('every item has a unique id, a phase, a kind and a text within bounds; each phase is well stocked', () => {
  const { library, problems } = checkLibrary(raw);
  assert.deepEqual(problems, []);
  assert.ok(library.couple.length >= MIN_COUPLE_ITEMS, `${library.couple.length} items for two`);
  assert.ok(library.solo.length >= MIN_SOLO_ITEMS, `${library.solo.length} items for one`);
  const all = [...library.couple, ...library.solo];
  assert.equal(new Set(all.map((i) => i.id)).size, all.length, 'ids are unique');
  for (const item of all) {
    assert.ok(PHASES.includes(item.phase), item.id);
    assert.ok(KINDS.includes(item.kind), item.id);
    assert.ok(item.text.length >= ITEM_TEXT_MIN && item.text.length <= ITEM_TEXT_MAX, item.id);
  }
  for (const phase of PHASES) {
    const items = library.couple.filter((i) => i.phase === phase);
    assert.ok(items.length >= MIN_COUPLE_PER_PHASE, `${phase}: ${items.length}`);
    assert.ok(items.some((i) => i.kind === 'exercise') && items.some((i) => i.kind === 'question'), `${phase} has both kinds`);
    assert.ok(
      library.solo.some((i) => i.phase === phase),
      `${phase} has questions for one`,
    );
  }
  assert.equal(new Set(all.map((i) => i.text.toLowerCase())).size, all.length, 'no text twice');
});

test('the early questions stay gentle: none asks about the breach, blame or the other’s faults', () => {
  const { library } = checkLibrary(raw);
  for (const item of library.couple.filter((i) => i.phase === 'early'))
    assert.doesNotMatch(item.text, /affair|cheat|lie[ds]?\b|betray|blame|fault|why did you|forgive/i, item.id);
});

test('the schema check refuses what is wrong, naming it', () => {
  const first = raw.couple[0] as Record<string, unknown>;
  const broken = {
    couple: [...raw.couple, { ...first, phase: 'someday' }, first, { ...first, id: 'x-too-short-text', text: 'Short?' }],
    solo: raw.solo.slice(0, 3),
  };
  const { problems } = checkLibrary(broken);
  assert.ok(problems.some((p) => p.includes('no phase')));
  assert.ok(problems.some((p) => p.includes(`the id ${String(first.id)} is used twice`)));
  assert.ok(problems.some((p) => p.includes('no text of')));
  assert.ok(problems.some((p) => p.includes('items for one')));
  assert.deepEqual(checkLibrary({}).problems.slice(0, 2), ['couple is not a list', 'solo is not a list']);
});

test('the sources find the library at the project’s root', () => {
  assert.equal(libraryPath(), FILE);
});

const main = path.resolve('dist/main.js');

test(
  'the built server carries the library in dist/ and answers with it, started where only package.json, dist and node_modules are',
  { skip: !fs.existsSync(main) && 'run `npm run build` first (npm test does)' },
  async () => {
    assert.deepEqual(JSON.parse(fs.readFileSync(path.resolve('dist/content/daily-questions.json'), 'utf8')), raw, 'the build copied it');
    // As the container image has it: nothing of content/ or src/ beside the server.
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-image-'));
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-image-data-'));
    fs.copyFileSync(path.resolve('package.json'), path.join(app, 'package.json'));
    fs.cpSync(path.resolve('dist'), path.join(app, 'dist'), { recursive: true });
    fs.symlinkSync(path.resolve('node_modules'), path.join(app, 'node_modules'), 'dir');
    const port = serverPort();
    const child = spawn(process.execPath, [path.join(app, 'dist', 'main.js')], {
      cwd: app,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', MEND_DATA_DIR: data, LOG_LEVEL: 'warn' },
      stdio: 'pipe',
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`the server stopped: ${stderr}`);
        try {
          if ((await fetch(`${base}/readyz`)).ok) break;
        } catch {
          // not listening yet
        }
        if (i > 400) throw new Error('the server did not become ready');
        await new Promise((r) => setTimeout(r, 50));
      }
      const person = { email: `built.${process.pid}@example.org`, password: 'quiet harbour lantern built meadow', displayName: 'Robin' };
      const signedUp = await fetch(`${base}/api/v1/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(person),
      });
      assert.equal(signedUp.status, 201);
      const { token } = (await signedUp.json()) as { token: string };
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const space = (await (await fetch(`${base}/api/v1/spaces`, { method: 'POST', headers: auth, body: '{"name":"Mine"}' })).json()) as {
        space: { id: string };
      };
      const res = await fetch(`${base}/api/v1/spaces/${space.space.id}/daily-question`, { headers: auth });
      assert.equal(res.status, 200);
      const { dailyQuestion } = (await res.json()) as { dailyQuestion: { question: { id: string; text: string } } };
      const solo = raw.solo as Array<{ id: string; text: string }>;
      assert.ok(solo.some((s) => s.id === dailyQuestion.question.id && s.text === dailyQuestion.question.text));
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(app, { recursive: true, force: true });
      fs.rmSync(data, { recursive: true, force: true });
    }
  },
);
