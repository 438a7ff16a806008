import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays } from './dates.js';
import {
  consistencyEvidence,
  consistencyScore,
  decay,
  outcomeOf,
  MISS_WEIGHT_FLOOR,
  SELF_REPORTED_MISS_WEIGHT,
  type AgreementLogFact,
} from './consistency.js';

const TODAY = '2025-06-30';
const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≉ ${b}`);

const entryArb: fc.Arbitrary<AgreementLogFact> = fc.record(
  {
    occurredOn: fc.integer({ min: 0, max: 400 }).map((age) => addDays(TODAY, -age)),
    kept: fc.boolean(),
    reportedBy: fc.constantFrom('self' as const, 'partner' as const),
    status: fc.constantFrom('unconfirmed' as const, 'confirmed' as const, 'disputed' as const),
    disputedAs: fc.constantFrom('kept' as const, 'missed' as const),
  },
  { requiredKeys: ['occurredOn', 'kept', 'reportedBy', 'status'] },
);
const keptEntryArb: fc.Arbitrary<AgreementLogFact> = fc.record({
  occurredOn: fc.integer({ min: 0, max: 400 }).map((age) => addDays(TODAY, -age)),
  kept: fc.constant(true),
  reportedBy: fc.constantFrom('self' as const, 'partner' as const),
  status: fc.constantFrom('unconfirmed' as const, 'confirmed' as const),
});

const width = (s: { low: number; high: number }) => s.high - s.low;

describe('consistencyScore', () => {
  test('with no evidence the score is neutral: Beta(1, 1), 0.5, band 0.05–0.95', () => {
    const s = consistencyScore([], TODAY);
    assert.deepEqual([s.alpha, s.beta, s.score, s.occasions, s.firstLoggedOn], [1, 1, 0.5, 0, null]);
    close(s.low, 0.05);
    close(s.high, 0.95);
  });

  test('future-dated entries are not evidence', () => {
    const s = consistencyScore([{ occurredOn: '2025-07-01', kept: false, reportedBy: 'partner', status: 'confirmed' }], TODAY);
    assert.equal(s.score, 0.5);
    assert.equal(s.occasions, 0);
  });

  test('worked example: two kept today, one miss pointed out 7 days ago', () => {
    const s = consistencyScore(
      [
        { occurredOn: TODAY, kept: true, reportedBy: 'self', status: 'confirmed' },
        { occurredOn: TODAY, kept: true, reportedBy: 'self', status: 'unconfirmed' },
        { occurredOn: '2025-06-23', kept: false, reportedBy: 'partner', status: 'unconfirmed' },
      ],
      TODAY,
    );
    assert.equal(s.alpha, 3);
    close(s.beta, 1.9);
    close(s.score, 3 / 4.9);
    assert.equal(s.firstLoggedOn, '2025-06-23');
    assert.ok(s.low < s.score && s.score < s.high);
  });

  test('a self-reported miss counts half as much as one the other partner pointed out', () => {
    const self = consistencyScore([{ occurredOn: TODAY, kept: false, reportedBy: 'self', status: 'confirmed' }], TODAY);
    const told = consistencyScore([{ occurredOn: TODAY, kept: false, reportedBy: 'partner', status: 'confirmed' }], TODAY);
    close(self.beta - 1, SELF_REPORTED_MISS_WEIGHT);
    close(told.beta - 1, 1);
    assert.ok(self.score > told.score);
  });

  test('a disputed entry counts as the other partner saw it', () => {
    const claimedKept: AgreementLogFact = { occurredOn: TODAY, kept: true, reportedBy: 'self', status: 'disputed' };
    assert.deepEqual(outcomeOf(claimedKept), { kept: false, selfReported: false });
    assert.deepEqual(outcomeOf({ ...claimedKept, kept: false }), { kept: true });
    assert.deepEqual(outcomeOf({ ...claimedKept, disputedAs: 'missed' }), { kept: false, selfReported: false });
    // The other partner logged a miss; the committing partner's dispute does not change it.
    assert.deepEqual(outcomeOf({ occurredOn: TODAY, kept: false, reportedBy: 'partner', status: 'disputed', disputedAs: 'kept' }), {
      kept: false,
      selfReported: false,
    });
  });

  test('recent behaviour weighs more: the same miss counts less as it ages', () => {
    const at = (age: number) =>
      consistencyScore([{ occurredOn: addDays(TODAY, -age), kept: false, reportedBy: 'partner', status: 'confirmed' }], TODAY);
    assert.ok(at(70).score > at(7).score);
    close(decay(7, true), 0.9);
  });

  test('property: old misses never vanish entirely', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (age) => {
        assert.ok(decay(age, false) >= MISS_WEIGHT_FLOOR);
        const s = consistencyScore([{ occurredOn: addDays(TODAY, -age), kept: false, reportedBy: 'self', status: 'confirmed' }], TODAY);
        assert.ok(s.beta >= 1 + MISS_WEIGHT_FLOOR * SELF_REPORTED_MISS_WEIGHT - 1e-12);
        assert.ok(s.score < 0.5);
      }),
    );
  });

  test('property: a kept occasion never lowers the score', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), keptEntryArb, (entries, kept) => {
        const before = consistencyScore(entries, TODAY).score;
        const after = consistencyScore([...entries, kept], TODAY).score;
        assert.ok(after >= before - 1e-12, `${after} < ${before}`);
      }),
    );
  });

  test('property: a missed occasion never raises the score', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), fc.integer({ min: 0, max: 400 }), fc.boolean(), (entries, age, self) => {
        const miss: AgreementLogFact = {
          occurredOn: addDays(TODAY, -age),
          kept: false,
          reportedBy: self ? 'self' : 'partner',
          status: 'confirmed',
        };
        assert.ok(consistencyScore([...entries, miss], TODAY).score <= consistencyScore(entries, TODAY).score + 1e-12);
      }),
    );
  });

  test('property: more evidence narrows the band (the same record twice over is never wider)', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), (entries) => {
        const once = consistencyScore(entries, TODAY);
        const twice = consistencyScore([...entries, ...entries], TODAY);
        assert.ok(width(twice) <= width(once) + 1e-9, `${width(twice)} > ${width(once)}`);
      }),
    );
  });

  test('property: more kept occasions at the same record narrow the band', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (kept, missed) => {
        const make = (k: number, m: number): AgreementLogFact[] => [
          ...Array.from({ length: k }, () => ({
            occurredOn: TODAY,
            kept: true,
            reportedBy: 'self' as const,
            status: 'confirmed' as const,
          })),
          ...Array.from({ length: m }, () => ({
            occurredOn: TODAY,
            kept: false,
            reportedBy: 'partner' as const,
            status: 'confirmed' as const,
          })),
        ];
        const small = consistencyScore(make(kept, missed), TODAY);
        const large = consistencyScore(make(kept * 3, missed * 3), TODAY);
        assert.ok(width(large) <= width(small) + 1e-9);
      }),
    );
  });

  test('property: the score lies inside its band and does not depend on entry order', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), (entries) => {
        const s = consistencyScore(entries, TODAY);
        assert.ok(s.low <= s.score && s.score <= s.high);
        close(consistencyScore([...entries].reverse(), TODAY).score, s.score, 1e-12);
      }),
    );
  });
});

test('weighed on from the evidence of earlier entries, the score is exactly that of one pass (issue #24)', () => {
  const TODAY = '2025-04-30';
  const entry = fc.record({
    occurredOn: fc.integer({ min: -400, max: 5 }).map((n) => addDays(TODAY, n)),
    kept: fc.boolean(),
    reportedBy: fc.constantFrom('self' as const, 'partner' as const),
    status: fc.constantFrom('unconfirmed' as const, 'confirmed' as const, 'disputed' as const),
  });
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 80 }), fc.nat(80), (entries, cut) => {
      const at = Math.min(cut, entries.length);
      const prior = consistencyEvidence(entries.slice(0, at), TODAY);
      assert.deepEqual(consistencyScore(entries.slice(at), TODAY, prior), consistencyScore(entries, TODAY));
    }),
  );
});
