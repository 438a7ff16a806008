import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  acceptAgreement,
  counterAgreement,
  negotiationHistory,
  proposeAgreement,
  withdrawAgreement,
  type Agreement,
  type AgreementContext,
  type AgreementInput,
} from './agreements.js';
import { canLogOccasion, canReplyToDispute, canReviewOccasion } from './agreement-log.js';

const ctx: AgreementContext = { partnerIds: ['a', 'b'], today: '2025-01-10', now: '2025-01-10T12:00:00.000Z' };
const input: AgreementInput = { text: 'I tell you the same day when I meet my ex', committedBy: ['a'], cadence: 'each_time' };

function proposed(by = 'b'): Agreement {
  const r = proposeAgreement('g1', input, by, ctx);
  assert.ok(r.ok);
  return r.agreement;
}

describe('agreements', () => {
  test('a proposal waits for the other partner', () => {
    const g = proposed();
    assert.equal(g.status, 'proposed');
    assert.deepEqual(acceptAgreement(g, 'b', ctx), { ok: false, reason: 'own_proposal' });
    const r = acceptAgreement(g, 'a', ctx);
    assert.ok(r.ok);
    assert.equal(r.agreement.status, 'active');
    assert.equal(r.agreement.acceptedBy, 'a');
    assert.deepEqual(acceptAgreement(r.agreement, 'a', ctx), { ok: false, reason: 'not_proposed' });
    assert.deepEqual(acceptAgreement(g, 'x', ctx), { ok: false, reason: 'not_a_partner' });
  });

  test('input is validated: behaviour, committers in the space, cadence, review date not past', () => {
    const bad = proposeAgreement('g', { text: ' ', committedBy: ['a', 'z'], cadence: 'monthly', reviewOn: '2025-01-09' }, 'a', ctx);
    assert.ok(!bad.ok);
    assert.deepEqual(
      bad.errors?.map((e) => `${e.field}:${e.reason}`),
      ['text:required', 'committedBy:not_a_partner', 'cadence:unknown_cadence', 'reviewOn:in_the_past'],
    );
    const invalidDate = proposeAgreement('g', { ...input, reviewOn: '2025-02-30' }, 'a', ctx);
    assert.ok(!invalidDate.ok);
    assert.equal(proposeAgreement('g', { ...input, reviewOn: '2025-01-10' }, 'a', ctx).ok, true);
    assert.equal(proposeAgreement('g', { ...input, committedBy: ['a', 'b'] }, 'a', ctx).ok, true);
  });

  test('a counter replaces the proposal and keeps its history', () => {
    const g = proposed('b');
    assert.deepEqual(counterAgreement(g, 'g2', input, 'b', ctx), { ok: false, reason: 'own_proposal' });
    const r = counterAgreement(g, 'g2', { ...input, cadence: 'daily' }, 'a', ctx);
    assert.ok(r.ok);
    assert.equal(r.countered.status, 'countered');
    assert.equal(r.countered.replacedBy, 'g2');
    assert.equal(r.proposal.status, 'proposed');
    assert.equal(r.proposal.replaces, 'g1');
    assert.equal(r.proposal.proposedBy, 'a');
    // The first proposer may now accept or counter back.
    assert.equal(acceptAgreement(r.proposal, 'b', ctx).ok, true);
    assert.deepEqual(
      negotiationHistory([r.proposal, r.countered], 'g2').map((x) => x.id),
      ['g1', 'g2'],
    );
  });

  test('only the proposer withdraws, and only a proposal', () => {
    const g = proposed('b');
    assert.deepEqual(withdrawAgreement(g, 'a', ctx), { ok: false, reason: 'not_proposer' });
    const r = withdrawAgreement(g, 'b', ctx);
    assert.ok(r.ok);
    assert.equal(r.agreement.status, 'withdrawn');
    assert.deepEqual(acceptAgreement(r.agreement, 'a', ctx), { ok: false, reason: 'not_proposed' });
  });

  test('solo: an own commitment is active at once; the absent partner cannot be committed', () => {
    const solo = { ...ctx, partnerIds: ['a'] };
    const r = proposeAgreement('g', input, 'a', solo);
    assert.ok(r.ok);
    assert.equal(r.agreement.status, 'active');
    assert.equal(r.agreement.acceptedBy, 'a');
    const absent = proposeAgreement('g', { ...input, committedBy: ['b'] }, 'a', solo);
    assert.ok(!absent.ok);
    assert.deepEqual(
      absent.errors?.map((e) => e.reason),
      ['absent_partner'],
    );
  });

  test('property: whatever happens, nobody ends up accepting their own proposal and every counter links both ways', () => {
    const op = fc.record({
      kind: fc.constantFrom('accept', 'counter', 'withdraw'),
      by: fc.constantFrom('a', 'b', 'x'),
      target: fc.nat(20),
    });
    fc.assert(
      fc.property(fc.constantFrom('a', 'b'), fc.array(op, { maxLength: 20 }), (first, ops) => {
        let all: Agreement[] = [proposed(first)];
        let n = 2;
        for (const o of ops) {
          const g = all[o.target % all.length] as Agreement;
          const replace = (next: Agreement) => (all = all.map((x) => (x.id === next.id ? next : x)));
          if (o.kind === 'accept') {
            const r = acceptAgreement(g, o.by, ctx);
            if (r.ok) replace(r.agreement);
          } else if (o.kind === 'withdraw') {
            const r = withdrawAgreement(g, o.by, ctx);
            if (r.ok) replace(r.agreement);
          } else {
            const r = counterAgreement(g, `g${n++}`, input, o.by, ctx);
            if (r.ok) {
              replace(r.countered);
              all.push(r.proposal);
            }
          }
        }
        for (const g of all) {
          if (g.acceptedBy !== null) assert.notEqual(g.acceptedBy, g.proposedBy);
          if (g.status === 'countered') {
            const next = all.find((x) => x.id === g.replacedBy);
            assert.equal(next?.replaces, g.id);
          }
          assert.ok(['a', 'b'].includes(g.proposedBy));
        }
        // At most one open proposal per negotiation chain.
        assert.ok(all.filter((g) => g.status === 'proposed').length <= 1);
      }),
    );
  });
});

describe('agreement log', () => {
  const active = (() => {
    const r = acceptAgreement(proposed('b'), 'a', ctx);
    assert.ok(r.ok);
    return r.agreement;
  })();

  test('a partner who committed logs occasions of an active agreement, not in the future', () => {
    assert.equal(canLogOccasion(active, 'a', '2025-01-10', '2025-01-10', ['a', 'b']).ok, true);
    assert.deepEqual(canLogOccasion(active, 'b', '2025-01-10', '2025-01-10', ['a', 'b']), { ok: false, reason: 'not_committed' });
    assert.deepEqual(canLogOccasion(active, 'a', '2025-01-11', '2025-01-10', ['a', 'b']), { ok: false, reason: 'in_the_future' });
    assert.deepEqual(canLogOccasion(active, 'a', '2024-12-01', '2025-01-10', ['a', 'b']), { ok: false, reason: 'before_agreement' });
    assert.deepEqual(canLogOccasion(proposed(), 'a', '2025-01-10', '2025-01-10', ['a', 'b']), { ok: false, reason: 'not_active' });
  });

  test('the other partner confirms or disputes, once', () => {
    assert.equal(canReviewOccasion({ loggedBy: 'a', review: null }, 'b', ['a', 'b']).ok, true);
    assert.deepEqual(canReviewOccasion({ loggedBy: 'a', review: null }, 'a', ['a', 'b']), { ok: false, reason: 'own_entry' });
    assert.deepEqual(canReviewOccasion({ loggedBy: 'a', review: 'confirmed' }, 'b', ['a', 'b']), { ok: false, reason: 'already_reviewed' });
  });

  test('only the partner who logged an occasion answers its dispute, once, and only a dispute', () => {
    const disputed = { loggedBy: 'a', review: 'disputed' as const, replied: false };
    assert.equal(canReplyToDispute(disputed, 'a', ['a', 'b']).ok, true);
    assert.deepEqual(canReplyToDispute(disputed, 'b', ['a', 'b']), { ok: false, reason: 'not_logger' });
    assert.deepEqual(canReplyToDispute(disputed, 't', ['a', 'b']), { ok: false, reason: 'not_a_partner' });
    assert.deepEqual(canReplyToDispute(disputed, 'a', ['b']), { ok: false, reason: 'not_a_partner' });
    assert.deepEqual(canReplyToDispute({ ...disputed, review: 'confirmed' }, 'a', ['a', 'b']), { ok: false, reason: 'not_disputed' });
    assert.deepEqual(canReplyToDispute({ ...disputed, review: null }, 'a', ['a', 'b']), { ok: false, reason: 'not_disputed' });
    assert.deepEqual(canReplyToDispute({ ...disputed, replied: true }, 'a', ['a', 'b']), { ok: false, reason: 'already_replied' });
  });
});
