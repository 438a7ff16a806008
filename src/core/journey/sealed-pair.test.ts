import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasOwnSealedEntry, openingToRecord, removedHalves, sealedPairOpen, sealedPairOpenedAt, wasOpened } from './sealed-pair.js';

const e = (authorId: string, createdAt: string, over: object = {}) => ({
  prompt: 'what_happened',
  authorId,
  visibility: 'sealed' as const,
  createdAt,
  journeyId: 'j',
  ...over,
});

describe('sealed pairs', () => {
  test('open when the second partner submits, at that moment', () => {
    const one = [e('a', '2025-01-01')];
    assert.equal(sealedPairOpen(one, 'what_happened'), false);
    assert.equal(sealedPairOpenedAt(one, 'what_happened'), null);
    const two = [...one, e('b', '2025-01-03')];
    assert.equal(sealedPairOpen(two, 'what_happened'), true);
    assert.equal(sealedPairOpenedAt(two, 'what_happened'), '2025-01-03');
    assert.equal(hasOwnSealedEntry(two, 'what_happened', 'b'), true);
  });

  test('another prompt, another journey or another visibility does not open a pair', () => {
    assert.equal(sealedPairOpen([e('a', 'x'), e('b', 'x', { prompt: 'trust_looks_like' })], 'what_happened'), false);
    assert.equal(sealedPairOpen([e('a', 'x'), e('b', 'x', { journeyId: 'k' })], 'what_happened', 'j'), false);
    assert.equal(sealedPairOpen([e('a', 'x'), e('b', 'x', { visibility: 'shared' })], 'what_happened'), false);
    assert.equal(sealedPairOpen([e('a', 'x'), e('a', 'y')], 'what_happened'), false);
  });

  test('an opening is recorded once, when both halves stand: its time and its authors, first writer first', () => {
    const one = [e('b', '2025-01-01')];
    assert.equal(openingToRecord(one, 'what_happened', 'j', []), null);
    const two = [...one, e('a', '2025-01-03')];
    const opening = openingToRecord(two, 'what_happened', 'j', []);
    assert.deepEqual(opening, { journeyId: 'j', prompt: 'what_happened', openedAt: '2025-01-03', authorIds: ['b', 'a'] });
    assert.equal(openingToRecord(two, 'what_happened', 'j', [opening!]), null, 'already recorded');
    assert.equal(wasOpened([opening!], 'what_happened', 'j'), true);
    assert.equal(wasOpened([opening!], 'what_happened', 'k'), false);
    assert.equal(wasOpened([opening!], 'trust_looks_like', 'j'), false);
  });

  test('a half deleted after the opening is a removed half of its author', () => {
    const opening = { journeyId: 'j', prompt: 'what_happened', openedAt: '2025-01-03', authorIds: ['a', 'b'] };
    assert.deepEqual(removedHalves([e('a', '1'), e('b', '2')], opening), []);
    assert.deepEqual(removedHalves([e('b', '2')], opening), ['a']);
    assert.deepEqual(removedHalves([], opening), ['a', 'b']);
    // Written again: no longer removed.
    assert.deepEqual(removedHalves([e('b', '2'), e('a', '9')], opening), []);
    // An author whose account is gone counts as removed.
    assert.deepEqual(removedHalves([e('b', '2')], { ...opening, authorIds: [null, 'b'] }), [null]);
  });
});
