import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays } from './dates.js';
import { trendFor } from './trends.js';
import { whatAppearsWhen, type PersonSoFar } from './first-weeks.js';

const TODAY = '2026-03-10';
function person(name: string, you: boolean, ages: number[]): PersonSoFar {
  const trend = trendFor(
    ages.map((a) => ({ date: addDays(TODAY, -a), value: 5 + (a % 3) })),
    TODAY,
  );
  return { name, you, trend, lastSevenDays: new Set(ages.filter((a) => a >= 0 && a < 7)).size };
}

describe('what appears when', () => {
  test('the first day: one sentence for the lines and one for the verdicts, naming everyone once', () => {
    assert.deepEqual(whatAppearsWhen([person('you', true, [0]), person('Sam', false, [])]), [
      'The lines for feeling safe, trust and closeness appear after 3 check-ins within 7 days; in the last 7 days you have 1 check-in and Sam has none.',
      'Whether each is rising, steady or falling shows after 10 check-ins spread over at least 4 of the last 8 weeks; so far you have 1 check-in in 1 week and Sam has none.',
    ]);
  });

  test('a week in: lines drawn, so only the verdict is still to come', () => {
    const week = [0, 1, 2, 3, 4, 5, 6];
    assert.deepEqual(whatAppearsWhen([person('you', true, week), person('Sam', false, week)]), [
      'Whether each is rising, steady or falling shows after 10 check-ins spread over at least 4 of the last 8 weeks; so far you have 7 check-ins in 1 week and Sam has 7 check-ins in 1 week.',
    ]);
  });

  test('enough for everyone: nothing to say', () => {
    const often = Array.from({ length: 40 }, (_, i) => i);
    assert.deepEqual(whatAppearsWhen([person('you', true, often)]), []);
  });

  test('property: at most one sentence of each kind, and nobody who already has a verdict is told to wait for one', () => {
    const ages = fc.uniqueArray(fc.integer({ min: 0, max: 70 }), { maxLength: 50 });
    fc.assert(
      fc.property(ages, ages, (mine, theirs) => {
        const people = [person('you', true, mine), person('Sam', false, theirs)];
        const said = whatAppearsWhen(people);
        assert.ok(said.length <= 2);
        assert.ok(said.filter((s) => s.startsWith('The lines')).length <= 1);
        const verdicts = said.find((s) => s.startsWith('Whether')) ?? '';
        for (const p of people) {
          const named = p.you ? verdicts.includes('you have') : verdicts.includes('Sam has');
          assert.equal(named, p.trend.verdict === 'not_enough_data');
        }
      }),
    );
  });
});
