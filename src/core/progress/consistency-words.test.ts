import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays } from './dates.js';
import { consistencyScore, type AgreementLogFact } from './consistency.js';
import { consistencySentence, consistencyTenths, FEW_OCCASIONS, NOTHING_LOGGED } from './consistency-words.js';

const TODAY = '2026-05-01';
const fact = (age: number, kept: boolean, status: AgreementLogFact['status'] = 'confirmed'): AgreementLogFact => ({
  occurredOn: addDays(TODAY, -age),
  kept,
  reportedBy: 'self',
  status,
});
const entryArb = fc
  .record({ age: fc.integer({ min: 0, max: 200 }), kept: fc.boolean(), status: fc.constantFrom('confirmed', 'disputed', 'unconfirmed') })
  .map((e) => fact(e.age, e.kept, e.status as AgreementLogFact['status']));
const aboutOf = (s: string) => Number(/Kept about (\d+) in 10/.exec(s)?.[1] ?? NaN);

describe('the consistency estimate in words', () => {
  test('nothing logged: too early to say, and no figure at all', () => {
    const s = consistencySentence(consistencyScore([], TODAY));
    assert.equal(s, NOTHING_LOGGED);
    assert.equal(s, 'Too early to say: no occasions logged yet.');
    assert.doesNotMatch(s, /\d/);
  });

  test('a few occasions: the estimate, how few, and the wide range it could be in', () => {
    assert.equal(
      consistencySentence({ score: 0.8, low: 0.52, high: 0.97, occasions: 6 }),
      'Kept about 8 in 10 times so far, but with only 6 occasions that could be anywhere from 5 to 10 in 10.',
    );
    assert.equal(
      consistencySentence(consistencyScore([fact(0, true)], TODAY)),
      'Kept about 7 in 10 times so far, but with only 1 occasion that could be anywhere from 2 to 10 in 10.',
    );
  });

  test('more occasions: a range and that it will firm up; many consistent ones: fairly firm', () => {
    assert.equal(
      consistencySentence({ score: 0.7, low: 0.5, high: 0.86, occasions: 14 }),
      'Kept about 7 in 10 times so far; from 14 occasions it could be anywhere from 5 to 9 in 10, and it will firm up as more is logged.',
    );
    assert.equal(
      consistencySentence({ score: 0.91, low: 0.84, high: 0.96, occasions: 60 }),
      'Kept about 9 in 10 times, a fairly firm figure from 60 occasions: most likely between 8 and 10 in 10.',
    );
    assert.equal(
      consistencySentence({ score: 0.81, low: 0.79, high: 0.83, occasions: 500 }),
      'Kept about 8 in 10 times, a fairly firm figure from 500 occasions: most likely 8 in 10.',
    );
  });

  test('property: no raw decimals, and the range always holds the estimate', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 80 }), (entries) => {
        const c = consistencyScore(entries, TODAY);
        const s = consistencySentence(c);
        assert.doesNotMatch(s, /\d\.\d/);
        const { about, low, high } = consistencyTenths(c);
        assert.ok(low <= about && about <= high && low >= 0 && high <= 10, s);
        assert.equal(aboutOf(s), about);
      }),
    );
  });

  test('property: with few occasions it never claims certainty — it says how few, gives a real range, never "firm"', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: FEW_OCCASIONS - 1 }), (entries) => {
        const c = consistencyScore(entries, TODAY);
        const s = consistencySentence(c);
        assert.match(s, /but with only \d+ occasions?/);
        const { low, high } = consistencyTenths(c);
        assert.ok(low < high, s);
        assert.match(s, /anywhere from \d+ to \d+ in 10/);
        assert.doesNotMatch(s, /firm|most likely|certain/i);
      }),
    );
  });

  test('property: monotone — the stated figure never falls with a kept occasion, never rises with a miss', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), fc.integer({ min: 0, max: 200 }), (entries, age) => {
        const before = consistencyScore(entries, TODAY);
        const kept = consistencyScore([...entries, fact(age, true)], TODAY);
        const missed = consistencyScore([...entries, fact(age, false)], TODAY);
        const b = consistencyTenths(before).about;
        assert.ok(consistencyTenths(kept).about >= b);
        assert.ok(consistencyTenths(missed).about <= b);
      }),
    );
  });

  test('property: monotone in the score itself — a higher estimate is never said lower', () => {
    const scored = fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 300 }))
      .map(([x, y, occasions]) => ({ score: Math.min(x, y), other: Math.max(x, y), occasions }));
    fc.assert(
      fc.property(scored, ({ score, other, occasions }) => {
        const lo = consistencyTenths({ score, low: 0, high: 1, occasions }).about;
        const hi = consistencyTenths({ score: other, low: 0, high: 1, occasions }).about;
        assert.ok(lo <= hi);
      }),
    );
  });
});
