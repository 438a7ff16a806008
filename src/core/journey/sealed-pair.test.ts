import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasOwnSealedEntry, sealedPairOpen, sealedPairOpenedAt } from './sealed-pair.js';

const e = (authorId: string, createdAt: string, over: object = {}) => ({
  prompt: 'what_happened', authorId, visibility: 'sealed' as const, createdAt, journeyId: 'j', ...over,
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
});
