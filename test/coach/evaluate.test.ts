/**
 * The evaluation keeps held-out rows to itself: a held-out part (above all round 12's unseen set,
 * which the coach's authors never read row by row) yields aggregate figures only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, evaluateDevelopment, HELD_OUT_PARTS, load, missingFiles, MissingPartError, type DevelopmentPart } from './evaluate.js';

const AGGREGATE_KEYS = [
  'componentMean',
  'componentPrecision',
  'componentRecall',
  'components',
  'counts',
  'falseAlarmTypes',
  'familyFalseAlarms',
  'familyRecall',
  'harsh',
  'nonApology',
  'part',
  'vague',
];

test('a held-out part cannot be loaded row by row, nor have its misses listed', () => {
  for (const part of HELD_OUT_PARTS) {
    assert.throws(() => load('messages', part as unknown as DevelopmentPart), /aggregate only/);
    assert.throws(() => evaluateDevelopment(part as unknown as DevelopmentPart), /development parts only/);
  }
});

test('the unseen set is scored in aggregate: counts, scores and per-family tallies, nothing per row', () => {
  const e = evaluate('unseen');
  assert.deepEqual(Object.keys(e).sort(), AGGREGATE_KEYS);
  assert.deepEqual(e.counts, { messages: 400, apologies: 120, agreements: 100 });
  for (const tally of [...Object.values(e.familyRecall), ...Object.values(e.familyFalseAlarms)]) {
    assert.equal(Object.keys(tally).length, 2);
  }
  // false alarms by the finding type that raised them: a count per type, no text
  for (const n of Object.values(e.falseAlarmTypes)) assert.equal(typeof n, 'number');
});

// The second unseen set (round 19) is read once, by the lead, after it is committed: these tests
// point the evaluation at a corpus of their own and never at the repository's unseen2 files.
test('the second unseen set, with none of its files there, is a clear error, not the figures of an empty set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mend-unseen2-')) + '/';
  try {
    assert.deepEqual(missingFiles('unseen2', { corpus: dir }), [
      'messages.unseen2.jsonl',
      'apologies.unseen2.jsonl',
      'agreements.unseen2.jsonl',
    ]);
    assert.throws(
      () => evaluate('unseen2', { corpus: dir }),
      (e: unknown) => e instanceof MissingPartError && /second unseen set \(round 19\) is not in .* yet/.test(e.message),
    );
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('the second unseen set is scored in aggregate on the files that are there, and never row by row', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mend-unseen2-')) + '/';
  try {
    const rows = [
      { text: 'You never listen to me.', harsh: true, family: 'absolute' },
      { text: 'Thank you for making dinner tonight.', harsh: false, family: 'not-harsh:warm' },
      { text: 'Can we talk after the kids are asleep?', harsh: false, family: 'not-harsh:request' },
    ];
    writeFileSync(`${dir}messages.unseen2.jsonl`, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    assert.deepEqual(missingFiles('unseen2', { corpus: dir }), ['apologies.unseen2.jsonl', 'agreements.unseen2.jsonl']);
    const e = evaluate('unseen2', { corpus: dir });
    assert.deepEqual(Object.keys(e).sort(), AGGREGATE_KEYS);
    assert.deepEqual(e.counts, { messages: 3, apologies: 0, agreements: 0 });
    assert.deepEqual(e.familyRecall, { absolute: { found: 1, of: 1 } });
    assert.deepEqual(e.familyFalseAlarms, { 'not-harsh:request': { flagged: 0, of: 1 }, 'not-harsh:warm': { flagged: 0, of: 1 } });
    assert.equal(e.harsh.tp + e.harsh.fn, 1);
    assert.throws(() => load('messages', 'unseen2' as unknown as DevelopmentPart), /aggregate only/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a development part lists its misses', () => {
  const dev = evaluateDevelopment('dev');
  assert.ok(dev.counts.messages > 1000);
  assert.equal(dev.misses.length > 0, true, 'the development part has a few misses to list');
});
