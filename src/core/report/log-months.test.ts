import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { logByMonth, type LoggedOccasion } from './log-months.js';

const occ = (
  occurredOn: string,
  kept: boolean,
  review: LoggedOccasion['review'] = 'confirmed',
  agreementId = 'g1',
  loggedBy = 'a',
): LoggedOccasion => ({
  agreementId,
  loggedBy,
  occurredOn,
  kept,
  review,
});

test('kept and missed per month, oldest month first, with what was seen differently and not yet confirmed', () => {
  const [g] = logByMonth([
    occ('2026-03-02', true),
    occ('2026-02-27', true),
    occ('2026-03-05', false),
    occ('2026-03-06', true, 'disputed'),
    occ('2026-03-07', true, null),
  ]);
  assert.deepEqual(g!.months, [
    { month: '2026-02', kept: 1, missed: 0, seenDifferently: 0, unconfirmed: 0 },
    { month: '2026-03', kept: 2, missed: 2, seenDifferently: 1, unconfirmed: 1 },
  ]);
  assert.deepEqual(g!.total, { kept: 3, missed: 2 });
});

test('an occasion seen differently counts as the other partner saw it, as the consistency score counts it', () => {
  const [keptButDisputed] = logByMonth([occ('2026-03-06', true, 'disputed')]);
  assert.deepEqual([keptButDisputed!.total.kept, keptButDisputed!.total.missed], [0, 1]);
  const [missedButDisputed] = logByMonth([occ('2026-03-06', false, 'disputed')]);
  assert.deepEqual([missedButDisputed!.total.kept, missedButDisputed!.total.missed], [1, 0]);
});

test('one log per agreement and per partner who logged it', () => {
  const groups = logByMonth([
    occ('2026-03-01', true, 'confirmed', 'g1', 'a'),
    occ('2026-03-01', false, null, 'g1', 'b'),
    occ('2026-03-02', true, null, 'g2', 'a'),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.agreementId, g.loggedBy, g.total.kept, g.total.missed]),
    [
      ['g1', 'a', 1, 0],
      ['g1', 'b', 0, 1],
      ['g2', 'a', 1, 0],
    ],
  );
  assert.deepEqual(logByMonth([]), []);
});

test('property: every occasion is counted once, in its own month; months are in order and distinct', () => {
  const date = fc
    .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const occasion = fc.record({
    agreementId: fc.constantFrom('g1', 'g2'),
    loggedBy: fc.constantFrom('a', 'b'),
    occurredOn: date,
    kept: fc.boolean(),
    review: fc.constantFrom('confirmed' as const, 'disputed' as const, null),
  });
  fc.assert(
    fc.property(fc.array(occasion, { maxLength: 60 }), (occasions) => {
      const groups = logByMonth(occasions);
      const counted = groups.reduce((n, g) => n + g.total.kept + g.total.missed, 0);
      assert.equal(counted, occasions.length);
      for (const g of groups) {
        const months = g.months.map((m) => m.month);
        assert.deepEqual(months, [...new Set(months)].sort());
        for (const m of g.months) {
          const here = occasions.filter(
            (o) => o.agreementId === g.agreementId && o.loggedBy === g.loggedBy && o.occurredOn.startsWith(m.month),
          );
          assert.equal(m.kept + m.missed, here.length);
          assert.equal(m.seenDifferently, here.filter((o) => o.review === 'disputed').length);
          assert.equal(m.unconfirmed, here.filter((o) => o.review === null).length);
        }
      }
    }),
  );
});
