/**
 * The evaluation keeps held-out rows to itself: a held-out part (above all round 12's unseen set,
 * which the coach's authors never read row by row) yields aggregate figures only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, evaluateDevelopment, HELD_OUT_PARTS, load, type DevelopmentPart } from './evaluate.js';

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

test('a development part lists its misses', () => {
  const dev = evaluateDevelopment('dev');
  assert.ok(dev.counts.messages > 1000);
  assert.equal(dev.misses.length > 0, true, 'the development part has a few misses to list');
});
