import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redFlagEvidence } from './red-flag-evidence.js';
import type { RedFlag } from './red-flags.js';

const day = (d: string) => `[${d}]`;
const base = { raisedOn: '2026-03-01', fromPrivateData: false, message: 'm' };
/** A field name, an id, or a decimal on a page: what the evidence must never show. */
const RAW = /[a-z][A-Z]|\b[a-z]+Id|\bb\d\b|j\d\b|\d\.\d/;

test('each rule’s evidence is said in plain words, with days and counts, never field names, ids or decimals', () => {
  const during: RedFlag = {
    ...base,
    rule: 'breach_during_journey',
    evidence: { breachId: 'b2', kind: 'lying', happenedOn: '2026-02-10', recordedOn: '2026-02-12', openJourneyIds: ['j1'] },
  };
  assert.deepEqual(redFlagEvidence(during, day), [
    'What happened: lying or deception, on [2026-02-10].',
    'Recorded in Mend on [2026-02-12].',
    'It happened while a repair journey was under way.',
  ]);
  const repeated: RedFlag = {
    ...base,
    rule: 'repeated_breach_kind',
    evidence: {
      kind: 'infidelity',
      breachIds: ['b1', 'b2', 'b3'],
      happenedOn: ['2025-06-01', '2025-09-01', '2026-01-01'],
      withinDays: 365,
    },
  };
  assert.deepEqual(redFlagEvidence(repeated, day), [
    '3 times: infidelity, on [2025-06-01], [2025-09-01] and [2026-01-01].',
    'Two of them within a year of each other.',
  ]);
  const low: RedFlag = {
    ...base,
    rule: 'low_consistency',
    evidence: { score: 0.3333333, low: 0.12, high: 0.61, occasions: 12, firstLoggedOn: '2026-01-01', weeksOfLogging: 8, threshold: 0.5 },
  };
  const lowWords = redFlagEvidence(low, day);
  assert.match(lowWords[0]!, /^Kept about 3 in 10 times so far; from 12 occasions it could be anywhere from 1 to 6 in 10/);
  assert.equal(lowWords[1], 'Logged for 8 weeks, since [2026-01-01].');
  assert.equal(lowWords[2], 'Mend raises this when it stays below 5 in 10 after 6 weeks of logging.');
  const silent: RedFlag = {
    ...base,
    rule: 'partner_silent',
    evidence: { lastCheckinOn: null, joinedOn: '2026-01-05', daysSilent: 1, thresholdDays: 21 },
  };
  assert.deepEqual(redFlagEvidence(silent, day), [
    'No check-in yet.',
    '1 day without one; Mend raises this after 21 days.',
    'In the space since [2026-01-05].',
  ]);
  const contempt: RedFlag = {
    ...base,
    rule: 'contempt',
    evidence: { contemptCount: 4, messagesConsidered: 10, messageIds: ['m1', 'm2'], windowDays: 30, threshold: 3 },
  };
  assert.deepEqual(redFlagEvidence(contempt, day), [
    '4 of the last 10 messages, over 30 days, read as contempt.',
    'Mend raises this at 3 or more.',
  ]);
});

test('whatever the numbers, the consistency evidence is rounded to tenths and names no field', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 500 }),
      fc.integer({ min: 6, max: 200 }),
      (a, b, occasions, weeks) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const flag: RedFlag = {
          ...base,
          rule: 'low_consistency',
          evidence: {
            score: (lo + hi) / 2,
            low: lo,
            high: hi,
            occasions,
            firstLoggedOn: '2026-01-01',
            weeksOfLogging: weeks,
            threshold: 0.5,
          },
        };
        for (const line of redFlagEvidence(flag, day)) assert.doesNotMatch(line, RAW, line);
      },
    ),
  );
});
