import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pairView, type DailyHalf } from './pair.js';

const half = (authorId: string, state: 'answered' | 'skipped' = 'answered', questionId = 'early-001'): DailyHalf => ({
  authorId,
  questionId,
  state,
  text: state === 'answered' ? `WORDS-OF-${authorId}` : null,
  at: '2026-12-06T10:00:00.000Z',
});

test('alone with an answer: the partner sees only that it exists', () => {
  const forB = pairView('b', ['a', 'b'], [half('a')]);
  assert.equal(forB.open, false);
  assert.deepEqual(forB.partners, [{ accountId: 'a', state: 'sealed' }]);
  const forA = pairView('a', ['a', 'b'], [half('a')]);
  assert.equal(forA.own?.text, 'WORDS-OF-a');
  assert.deepEqual(forA.partners, [{ accountId: 'b', state: 'none' }]);
});

test('both answered: both open, for both', () => {
  for (const viewer of ['a', 'b']) {
    const v = pairView(viewer, ['a', 'b'], [half('a'), half('b')]);
    assert.equal(v.open, true);
    const other = viewer === 'a' ? 'b' : 'a';
    assert.deepEqual(v.partners, [{ accountId: other, state: 'open', text: `WORDS-OF-${other}`, at: '2026-12-06T10:00:00.000Z' }]);
  }
});

test('a skip is never seen by the partner and never opens anything', () => {
  assert.deepEqual(pairView('b', ['a', 'b'], [half('a', 'skipped')]).partners, [{ accountId: 'a', state: 'none' }]);
  const skipped = pairView('b', ['a', 'b'], [half('a'), half('b', 'skipped')]);
  assert.equal(skipped.open, false);
  assert.deepEqual(skipped.partners, [{ accountId: 'a', state: 'sealed' }]);
});

test('property: a partner’s words are shown only when both answered', () => {
  const arbHalf = (id: string) =>
    fc.option(fc.constantFrom<'answered' | 'skipped'>('answered', 'skipped'), { nil: undefined }).map((s) => (s ? [half(id, s)] : []));
  fc.assert(
    fc.property(arbHalf('a'), arbHalf('b'), fc.constantFrom('a', 'b'), (ha, hb, viewer) => {
      const halves = [...ha, ...hb];
      const v = pairView(viewer, ['a', 'b'], halves);
      const both = halves.filter((h) => h.state === 'answered').length === 2;
      assert.equal(v.open, both);
      const text = JSON.stringify(v.partners);
      const other = viewer === 'a' ? 'b' : 'a';
      assert.equal(text.includes(`WORDS-OF-${other}`), both);
      assert.ok(!text.includes(`WORDS-OF-${viewer}`), 'one’s own half is never listed as the partner’s');
      if (halves.some((h) => h.authorId === other && h.state === 'skipped')) assert.equal(v.partners[0]!.state, 'none');
    }),
  );
});
