import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { APOLOGY_COMPONENTS } from '../apology-components.js';
import { APOLOGY_MISSING_WORDS_MAX, canDeliverApology, canRespondToApology, validateApologyResponse } from './apology-rules.js';
import { assembleApology, missingApologyParts } from './apology-builder.js';
import { emptyFacts, type JourneyFacts } from './facts.js';

const AT = '2025-01-01T00:00:00.000Z';
const step2Open = (over: Partial<JourneyFacts> = {}): JourneyFacts => ({
  ...emptyFacts({ kind: 'broken_promise', brokeTrust: ['a'], partnerIds: ['a', 'b'], openedAt: AT }),
  acknowledgements: [
    { by: 'a', at: AT },
    { by: 'b', at: AT },
  ],
  ...over,
});

describe('apology rules', () => {
  test('only the partner who broke trust delivers, once step 2 is open', () => {
    assert.equal(canDeliverApology(step2Open(), 'a', AT).ok, true);
    assert.deepEqual(canDeliverApology(step2Open(), 'b', AT), { ok: false, reason: 'did_not_break_trust' });
    assert.deepEqual(canDeliverApology(step2Open(), 'x', AT), { ok: false, reason: 'not_a_partner' });
    assert.deepEqual(canDeliverApology(step2Open({ acknowledgements: [] }), 'a', AT), { ok: false, reason: 'step_locked' });
    assert.equal(canDeliverApology(step2Open({ brokeTrust: ['a', 'b'] }), 'b', AT).ok, true);
  });

  test('only the hurt partner answers a delivered apology, once', () => {
    const f = step2Open({
      apologies: [
        { id: 'ap', authorId: 'a', deliveredAt: AT },
        { id: 'dr', authorId: 'a', deliveredAt: null },
      ],
    });
    assert.equal(canRespondToApology(f, 'ap', 'b').ok, true);
    assert.deepEqual(canRespondToApology(f, 'ap', 'a'), { ok: false, reason: 'own_apology' });
    assert.deepEqual(canRespondToApology(f, 'dr', 'b'), { ok: false, reason: 'not_found' });
    assert.deepEqual(canRespondToApology(f, 'nope', 'b'), { ok: false, reason: 'not_found' });
    assert.deepEqual(canRespondToApology(f, 'ap', 'therapist'), { ok: false, reason: 'not_a_partner' });
    const answered = { ...f, apologyResponses: [{ apologyId: 'ap', by: 'b', at: AT, received: true as const, missing: [] }] };
    assert.deepEqual(canRespondToApology(answered, 'ap', 'b'), { ok: false, reason: 'already_answered' });
  });

  test('when both broke trust each answers the other’s apology', () => {
    const f = step2Open({
      brokeTrust: ['a', 'b'],
      apologies: [
        { id: 'x', authorId: 'a', deliveredAt: AT },
        { id: 'y', authorId: 'b', deliveredAt: AT },
      ],
    });
    assert.equal(canRespondToApology(f, 'x', 'b').ok, true);
    assert.equal(canRespondToApology(f, 'y', 'a').ok, true);
  });

  test('a response is received, maybe sincere, and names only apology components', () => {
    assert.deepEqual(validateApologyResponse({ received: true }), { ok: true, value: { received: true, missing: [] } });
    assert.deepEqual(validateApologyResponse({ received: true, sincere: false, missing: ['impact', 'change'] }), {
      ok: true,
      value: { received: true, sincere: false, missing: ['impact', 'change'] },
    });
    assert.equal(validateApologyResponse({ received: false }).ok, false);
    assert.equal(validateApologyResponse({ received: true, sincere: 'yes' }).ok, false);
    assert.equal(validateApologyResponse({ received: true, missing: 'impact' }).ok, false);
    assert.equal(validateApologyResponse({ received: true, missing: ['impact', 'impact'] }).ok, false);
  });

  test('property: any list of known components is accepted, anything else is refused', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...APOLOGY_COMPONENTS)), (missing) => {
        assert.equal(validateApologyResponse({ received: true, missing }).ok, true);
      }),
    );
    fc.assert(
      fc.property(
        fc.string().filter((s) => !(APOLOGY_COMPONENTS as readonly string[]).includes(s)),
        (bad) => {
          assert.equal(validateApologyResponse({ received: true, missing: [bad] }).ok, false);
        },
      ),
    );
  });
});

describe('apology builder', () => {
  test('names the required parts still empty; asking forgiveness is optional', () => {
    assert.deepEqual(missingApologyParts({ regret: 'I am sorry', change: ' ' }), ['responsibility', 'impact', 'change', 'repair']);
    assert.deepEqual(missingApologyParts({ regret: 'r', responsibility: 'r', impact: 'i', change: 'c', repair: 'r' }), []);
  });

  test('assembles the parts in order, one paragraph each', () => {
    assert.equal(assembleApology({ repair: 'R', regret: 'A', forgiveness: '' }), 'A\n\nR');
  });
  test('what is missing may be said in words: optional, trimmed, bounded', () => {
    assert.deepEqual(validateApologyResponse({ received: true, missingWords: '  You never said what it cost me.  ' }), {
      ok: true,
      value: { received: true, missing: [], missingWords: 'You never said what it cost me.' },
    });
    assert.deepEqual(validateApologyResponse({ received: true, missingWords: '   ' }), {
      ok: true,
      value: { received: true, missing: [] },
    });
    const long = validateApologyResponse({ received: true, missingWords: 'x'.repeat(APOLOGY_MISSING_WORDS_MAX + 1) });
    assert.equal(long.ok, false);
    assert.deepEqual(validateApologyResponse({ received: true, missingWords: 42 }), {
      ok: false,
      errors: [{ field: 'missingWords', reason: 'must_be_text' }],
    });
  });
});
