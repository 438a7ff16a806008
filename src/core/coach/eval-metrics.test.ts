import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { accuracy, binaryScores, round3 } from './eval-metrics.js';

test('binaryScores counts the confusion matrix and derives the scores', () => {
  const s = binaryScores([
    [true, true],
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ]);
  assert.deepEqual([s.tp, s.fp, s.fn, s.tn], [2, 1, 1, 1]);
  assert.equal(s.precision, 2 / 3);
  assert.equal(s.recall, 2 / 3);
  assert.equal(round3(s.f1), 0.667);
  assert.equal(s.accuracy, 3 / 5);
});

test('binaryScores is vacuously perfect on empty input and zero when all is wrong', () => {
  assert.equal(binaryScores([]).f1, 1);
  const wrong = binaryScores([
    [true, false],
    [false, true],
  ]);
  assert.equal(wrong.precision, 0);
  assert.equal(wrong.recall, 0);
  assert.equal(wrong.f1, 0);
});

test('accuracy is the share of matches', () => {
  assert.equal(accuracy([]), 1);
  assert.equal(
    accuracy([
      [true, true],
      [false, true],
    ]),
    0.5,
  );
});

test('scores always lie in [0, 1]', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.boolean(), fc.boolean())), (pairs) => {
      const s = binaryScores(pairs);
      for (const v of [s.precision, s.recall, s.f1, s.accuracy, accuracy(pairs)]) {
        assert.ok(v >= 0 && v <= 1);
      }
      assert.equal(s.tp + s.fp + s.fn + s.tn, pairs.length);
    }),
  );
});
