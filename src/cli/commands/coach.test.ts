import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { analyze } from '../../core/coach/index.js';
import { runCoachCommand } from './coach.js';

async function run(args: string[], input = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await runCoachCommand(args, { stdin: Readable.from([input]), stdout, stderr });
  return { code, out, err };
}

test('--jsonl answers each line in order, errors in place, blank lines skipped', async () => {
  const input = [
    JSON.stringify({ kind: 'message', text: 'You never listen.' }),
    '',
    'not json',
    JSON.stringify({ kind: 'apology', text: "I'm sorry if you were hurt." }),
    JSON.stringify({ kind: 'poem', text: 'x' }),
    JSON.stringify({ kind: 'agreement' }),
    JSON.stringify([1]),
    JSON.stringify({ kind: 'agreement', text: 'x'.repeat(10001) }),
    JSON.stringify({ kind: 'agreement', text: 'I will try harder.' }),
  ].join('\r\n');
  const { code, out } = await run(['--jsonl'], input);
  assert.equal(code, 0);
  const lines = out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 8);
  assert.deepEqual(lines[0], analyze('message', 'You never listen.'));
  assert.ok(typeof lines[1].error === 'string');
  assert.equal(lines[2].nonApology, true);
  assert.deepEqual(Object.keys(lines[2].components), ['regret', 'responsibility', 'impact', 'change', 'repair', 'forgiveness']);
  for (const i of [3, 4, 5, 6]) assert.deepEqual(Object.keys(lines[i]), ['error'], `line ${i}`);
  assert.match(lines[6].error, /10000/);
  assert.equal(lines[7].vague, true);
});

test('--jsonl streams a large input without losing order', async () => {
  const texts = Array.from({ length: 2000 }, (_, i) => (i % 2 ? `You always lie ${i}.` : `I miss you ${i}.`));
  const { out } = await run(['--jsonl'], texts.map((text) => JSON.stringify({ kind: 'message', text })).join('\n') + '\n');
  const lines = out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { harsh: boolean });
  assert.equal(lines.length, 2000);
  lines.forEach((l, i) => assert.equal(l.harsh, i % 2 === 1));
});

test('one text per kind prints the same JSON', async () => {
  for (const kind of ['message', 'apology', 'agreement'] as const) {
    const { code, out } = await run([kind, 'You always try more.']);
    assert.equal(code, 0);
    assert.equal(out, JSON.stringify(analyze(kind, 'You always try more.')) + '\n');
  }
});

test('usage errors exit 2 with a message on stderr', async () => {
  for (const args of [[], ['poem', 'x'], ['message'], ['message', 'a', 'b'], ['--jsonl', 'x'], ['message', 'x'.repeat(10001)]]) {
    const { code, out, err } = await run(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(out, '');
    assert.match(err, /^mend coach: /);
  }
});

test('--help prints usage', async () => {
  const { code, out } = await run(['--help']);
  assert.equal(code, 0);
  assert.match(out, /--jsonl/);
});
