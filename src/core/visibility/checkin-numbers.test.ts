import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canSeeCheckinNumbers, canSeeJointNumbers } from './checkin-numbers.js';
import { accessTo } from './decide.js';
import { filterVisible } from './filter-visible.js';
import { safeNotification } from './notifications.js';
import type { CheckinNumbersSubject } from './subjects.js';
import { A, B, SIGNED_OUT, T, revoked, stranger } from './test-viewers.js';
import { viewerOf, type Viewer } from './viewer.js';

const everyone: Viewer[] = [A, B, T, revoked, stranger, SIGNED_OUT];
const numbers = (shared: boolean | null, ownerId = 'a'): CheckinNumbersSubject => ({
  kind: 'checkin_numbers',
  id: `n:${ownerId}`,
  ownerId,
  shared,
});

describe('check-in numbers', () => {
  test('shared: both partners and an active therapist', () => {
    assert.deepEqual(
      everyone.map((v) => canSeeCheckinNumbers(v, numbers(true))),
      ['full', 'full', 'full', 'none', 'none', 'none'],
    );
  });
  test('kept to oneself: the owner alone', () => {
    assert.deepEqual(
      everyone.map((v) => canSeeCheckinNumbers(v, numbers(false))),
      ['full', 'none', 'none', 'none', 'none', 'none'],
    );
  });
  test('never asked is not shared', () => {
    assert.deepEqual(
      everyone.map((v) => canSeeCheckinNumbers(v, numbers(null))),
      ['full', 'none', 'none', 'none', 'none', 'none'],
    );
  });
  test('an owner who left the space no longer sees them through it', () => {
    assert.equal(canSeeCheckinNumbers(viewerOf('a', { partnerIds: ['b'] }), numbers(true)), 'none');
  });
  test('the single dispatch, lists and notifications agree', () => {
    assert.equal(accessTo(B, numbers(false)), 'none');
    assert.deepEqual(
      filterVisible(B, [numbers(false), numbers(true, 'b')]).map((n) => n.id),
      ['n:b'],
    );
    assert.equal(safeNotification(B, numbers(null), { type: 't', text: null }), null);
  });
  test('what is drawn from both partners’ numbers needs both to share', () => {
    const both = [numbers(true, 'a'), numbers(true, 'b')];
    assert.deepEqual(
      everyone.map((v) => canSeeJointNumbers(v, both)),
      ['full', 'full', 'full', 'none', 'none', 'none'],
    );
    for (const other of [false, null]) {
      const one = [numbers(true, 'a'), numbers(other, 'b')];
      assert.deepEqual(
        everyone.map((v) => canSeeJointNumbers(v, one)),
        ['none', 'none', 'none', 'none', 'none', 'none'],
      );
    }
    assert.equal(canSeeJointNumbers(A, []), 'none');
  });
});

describe('check-in numbers, properties', () => {
  const membership = fc.record({
    partnerIds: fc.constantFrom<string[]>(['a'], ['a', 'b']),
    therapist: fc.option(fc.record({ accountId: fc.constant('t'), active: fc.boolean() }), { nil: null }),
  });
  const viewerId = fc.option(fc.constantFrom('a', 'b', 't', 's'), { nil: null });
  const choice = fc.constantFrom(true, false, null);

  test('numbers not shared are never visible to anyone but their owner', () => {
    fc.assert(
      fc.property(membership, viewerId, fc.constantFrom('a', 'b'), fc.constantFrom(false, null), (m, id, owner, shared) => {
        const access = canSeeCheckinNumbers(viewerOf(id, m), { ownerId: owner, shared });
        if (access !== 'none') assert.equal(id, owner);
      }),
    );
  });
  test('the owner, while a partner, always sees theirs', () => {
    fc.assert(
      fc.property(membership, choice, (m, shared) => {
        for (const owner of m.partnerIds) assert.equal(canSeeCheckinNumbers(viewerOf(owner, m), { ownerId: owner, shared }), 'full');
      }),
    );
  });
  test('a therapist sees numbers only while active and only when shared', () => {
    fc.assert(
      fc.property(membership, fc.constantFrom('a', 'b'), choice, (m, owner, shared) => {
        const t = viewerOf('t', m);
        if (canSeeCheckinNumbers(t, { ownerId: owner, shared }) === 'full') assert.ok(t.therapistActive && shared === true);
      }),
    );
  });
  test('a joint finding is never visible while any partner keeps theirs', () => {
    fc.assert(
      fc.property(membership, viewerId, fc.array(choice, { minLength: 1, maxLength: 2 }), (m, id, choices) => {
        const owners = choices.map((shared, i) => ({ ownerId: ['a', 'b'][i]!, shared }));
        if (canSeeJointNumbers(viewerOf(id, m), owners) === 'full') assert.ok(choices.every((c) => c === true));
      }),
    );
  });
});
