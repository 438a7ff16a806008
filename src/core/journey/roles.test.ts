import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ABSENT_PARTNER, didBreakTrust, isSolo, otherPartner, resolveAbsentPartner, roleOf, wasHurt } from './roles.js';

const couple = { partnerIds: ['a', 'b'] };

describe('roles', () => {
  test('one partner broke trust: they broke it, the other was hurt', () => {
    const facts = { ...couple, brokeTrust: ['a'] };
    assert.equal(roleOf(facts, 'a'), 'broke_trust');
    assert.equal(roleOf(facts, 'b'), 'hurt');
    assert.equal(didBreakTrust(facts, 'a'), true);
    assert.equal(wasHurt(facts, 'a'), false);
    assert.equal(wasHurt(facts, 'b'), true);
  });

  test('both broke trust: each partner is both', () => {
    const facts = { ...couple, brokeTrust: ['a', 'b'] };
    assert.equal(roleOf(facts, 'a'), 'both');
    assert.equal(roleOf(facts, 'b'), 'both');
    assert.equal(didBreakTrust(facts, 'b') && wasHurt(facts, 'b'), true);
  });

  test('anyone who is not a partner has no role', () => {
    const facts = { ...couple, brokeTrust: ['a'] };
    assert.equal(roleOf(facts, 'therapist'), 'none');
    assert.equal(roleOf(facts, null), 'none');
    assert.equal(wasHurt(facts, 'stranger'), false);
  });

  test('solo: the absent partner can be the one who broke trust', () => {
    const facts = { partnerIds: ['b'], brokeTrust: [ABSENT_PARTNER] };
    assert.equal(isSolo(facts), true);
    assert.equal(roleOf(facts, 'b'), 'hurt');
    assert.equal(otherPartner(facts, 'b'), null);
    assert.deepEqual(resolveAbsentPartner(facts.brokeTrust, 'a'), ['a']);
    assert.deepEqual(resolveAbsentPartner(['b', ABSENT_PARTNER], 'a'), ['b', 'a']);
  });
});
