import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { consistencyScore } from '../progress/consistency.js';
import { consistencyWords } from './consistency-words.js';

test('nothing logged: no estimate, said plainly', () => {
  const words = consistencyWords(consistencyScore([], '2026-03-01'));
  assert.equal(words.estimate, 'Nothing logged yet, so there is no estimate.');
  assert.equal(words.uncertainty, '');
});

test('a few occasions: the estimate in tenths, a wide range, and that it is an early guess', () => {
  const words = consistencyWords({ score: 0.66, low: 0.3, high: 0.92, occasions: 3 });
  assert.equal(words.estimate, 'About 7 in 10 occasions kept, as the log counts them, with recent weeks counting most.');
  assert.equal(
    words.uncertainty,
    'Likely somewhere between 3 and 9 in 10: an early guess from 3 occasions logged; it will be clearer as more is logged.',
  );
});

test('many occasions: a narrow range said as a fairly firm estimate; one occasion in the singular', () => {
  assert.equal(
    consistencyWords({ score: 0.91, low: 0.84, high: 0.96, occasions: 60 }).uncertainty,
    'Likely somewhere between 8 and 10 in 10: a fairly firm estimate from 60 occasions logged.',
  );
  assert.match(
    consistencyWords({ score: 0.55, low: 0.3, high: 0.65, occasions: 1 }).uncertainty,
    /from 1 occasion logged; it will firm up/,
  );
  assert.match(consistencyWords({ score: 0.81, low: 0.79, high: 0.83, occasions: 500 }).uncertainty, /^Very likely 8 in 10/);
});

test('property: no raw decimals, and the range always holds the estimate', () => {
  const logged = fc.array(
    fc.record({
      occurredOn: fc.integer({ min: 0, max: 120 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)),
      kept: fc.boolean(),
      reportedBy: fc.constant('self' as const),
      status: fc.constantFrom('confirmed' as const, 'disputed' as const, 'unconfirmed' as const),
    }),
    { minLength: 1, maxLength: 80 },
  );
  fc.assert(
    fc.property(logged, (entries) => {
      const w = consistencyWords(consistencyScore(entries, '2026-05-01'));
      assert.doesNotMatch(`${w.estimate} ${w.uncertainty}`, /\d\.\d/);
      const about = Number(/About (\d+) in 10/.exec(w.estimate)![1]);
      const range = /between (\d+) and (\d+) in 10/.exec(w.uncertainty);
      if (range) assert.ok(Number(range[1]) <= about && about <= Number(range[2]));
      else assert.match(w.uncertainty, new RegExp(`Very likely ${about} in 10`));
    }),
  );
});
