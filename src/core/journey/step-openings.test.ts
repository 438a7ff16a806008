import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { emptyFacts, type EntryFact, type JourneyFacts } from './facts.js';
import { stepOpenings, stepsOpenedFor } from './step-openings.js';
import { PROMPT_KEYS } from './prompts.js';

const OPENED = '2025-01-01T10:00:00.000Z';
const NOW = '2025-01-02T10:00:00.000Z';
/** Long after: step 7's gate has passed for the hurt partner. */
const MUCH_LATER = '2026-06-01T10:00:00.000Z';

function facts(over: Partial<JourneyFacts> = {}): JourneyFacts {
  return { ...emptyFacts({ kind: 'lying', brokeTrust: ['a'], partnerIds: ['a', 'b'], openedAt: OPENED }), ...over };
}
const ackA = { acknowledgements: [{ by: 'a', at: OPENED }] };
const ackBoth = { acknowledgements: [...ackA.acknowledgements, { by: 'b', at: OPENED }] };
const delivered = { apologies: [{ id: 'ap1', authorId: 'a', deliveredAt: OPENED }] };
const answered = { ...delivered, apologyResponses: [{ apologyId: 'ap1', by: 'b', at: OPENED, received: true as const, missing: [] }] };
const proposal = { id: 'g1', status: 'proposed' as const, proposedBy: 'b', committedBy: ['a'], acceptedBy: null, acceptedAt: null };
const accepted = { ...proposal, status: 'active' as const, acceptedBy: 'a', acceptedAt: OPENED };

describe('stepOpenings: who a change opened a step for', () => {
  test('a new journey opens step 1 for the partner who did not record it', () => {
    assert.deepEqual(stepOpenings(null, facts(), 'a', NOW), [{ accountId: 'b', step: 1 }]);
  });

  test('the second acknowledgement opens step 2 for the partner who acknowledged first, not for the one who acted', () => {
    assert.deepEqual(stepOpenings(facts(ackA), facts(ackBoth), 'b', NOW), [{ accountId: 'a', step: 2 }]);
  });

  test('answering the apology opens step 3 for its author', () => {
    assert.deepEqual(stepOpenings(facts({ ...ackBoth, ...delivered }), facts({ ...ackBoth, ...answered }), 'b', NOW), [
      { accountId: 'a', step: 3 },
    ]);
  });

  test('accepting an agreement opens steps 4 to 6 at once: one opening, the first of them', () => {
    const before = facts({ ...ackBoth, ...answered, agreements: [proposal] });
    const after = facts({ ...ackBoth, ...answered, agreements: [accepted] });
    assert.deepEqual(stepsOpenedFor(before, after, 'b', NOW), [4, 5, 6]);
    assert.deepEqual(stepOpenings(before, after, 'a', NOW), [{ accountId: 'b', step: 4 }]);
  });

  test('nothing for a change that opens nothing, and nothing for time passing between the two readings', () => {
    assert.deepEqual(stepOpenings(facts(ackA), facts(ackA), 'a', NOW), []);
    const f = facts({ ...ackBoth, ...answered, agreements: [accepted], occasions: [{ agreementId: 'g1', occurredOn: '2025-01-01' }] });
    assert.deepEqual(stepOpenings(f, f, 'a', MUCH_LATER), []);
  });

  test('step 7 is never announced, even when a change opens it for the hurt partner', () => {
    const before = facts({ ...ackBoth, ...answered, agreements: [proposal] });
    const after = facts({ ...ackBoth, ...answered, agreements: [accepted], occasions: [{ agreementId: 'g1', occurredOn: '2025-01-01' }] });
    for (const id of ['a', 'b']) assert.ok(!stepsOpenedFor(before, after, id, MUCH_LATER).includes(7));
  });

  test('only partners of the journey are ever told; a partner who joined is told what is open for them now', () => {
    assert.deepEqual(stepsOpenedFor(null, facts(), 't', NOW), []);
    const solo = facts({ partnerIds: ['a'], brokeTrust: ['a'] });
    assert.deepEqual(stepOpenings(solo, facts(), 'x', NOW), [{ accountId: 'b', step: 1 }]);
  });

  const privateEntry: fc.Arbitrary<EntryFact> = fc.record({
    id: fc.uuid(),
    prompt: fc.constantFrom(...PROMPT_KEYS),
    authorId: fc.constant('a'),
    visibility: fc.constant('private' as const),
    createdAt: fc.constant(OPENED),
  });
  const base = fc.constantFrom(
    facts(),
    facts(ackA),
    facts(ackBoth),
    facts({ ...ackBoth, ...delivered }),
    facts({ ...ackBoth, ...answered }),
    facts({ ...ackBoth, ...answered, agreements: [proposal] }),
  );

  test('property: what a partner keeps to themselves (private entries, a draft apology, step 7 opened early) never opens a step for the other', () => {
    fc.assert(
      fc.property(base, fc.array(privateEntry, { maxLength: 4 }), fc.boolean(), fc.boolean(), (f, privates, draft, optIn) => {
        const after: JourneyFacts = {
          ...f,
          entries: [...f.entries, ...privates],
          apologies: draft ? [...f.apologies, { id: 'draft', authorId: 'a', deliveredAt: null }] : f.apologies,
          forgivenessOptIns: optIn ? [{ by: 'a', at: OPENED }] : f.forgivenessOptIns,
        };
        assert.deepEqual(stepOpenings(f, after, 'a', NOW), []);
        assert.deepEqual(stepsOpenedFor(f, after, 'b', NOW), []);
      }),
    );
  });

  test('property: the actor is never told, no step is told twice, and step 7 never', () => {
    fc.assert(
      fc.property(base, base, fc.constantFrom('a', 'b'), (before, after, actor) => {
        const openings = stepOpenings(before, after, actor, NOW);
        assert.ok(openings.every((o) => o.accountId !== actor && o.step !== 7));
        assert.equal(new Set(openings.map((o) => o.accountId)).size, openings.length);
        for (const o of openings) assert.ok(stepsOpenedFor(before, after, o.accountId, NOW).includes(o.step));
      }),
    );
  });
});
