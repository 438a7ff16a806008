import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ABSENT_PARTNER } from './roles.js';
import { emptyFacts, type EntryFact, type JourneyFacts } from './facts.js';
import { journeyStatus, type JourneyStatus } from './journey-status.js';
import type { StepKey, StepState } from './steps.js';
import type { BreachKind } from './breach-kind.js';

const OPENED = '2025-01-01T10:00:00.000Z';
const NOW = '2025-01-02T10:00:00.000Z';

function facts(over: Partial<JourneyFacts> = {}, kind: BreachKind = 'lying'): JourneyFacts {
  return { ...emptyFacts({ kind, brokeTrust: ['a'], partnerIds: ['a', 'b'], openedAt: OPENED }), ...over };
}

function states(s: JourneyStatus): Record<StepKey, StepState> {
  return Object.fromEntries(s.steps.map((x) => [x.key, x.status])) as Record<StepKey, StepState>;
}

const ackBoth = {
  acknowledgements: [
    { by: 'a', at: OPENED },
    { by: 'b', at: OPENED },
  ],
};
const apologyAnswered = {
  apologies: [{ id: 'ap1', authorId: 'a', deliveredAt: OPENED }],
  apologyResponses: [{ apologyId: 'ap1', by: 'b', at: OPENED, received: true as const, missing: [] }],
};
const accepted = {
  agreements: [{ id: 'g1', status: 'active' as const, proposedBy: 'b', committedBy: ['a'], acceptedBy: 'a', acceptedAt: OPENED }],
};

describe('journeyStatus: steps 1–3 in order', () => {
  test('a new journey: step 1 open, everything else locked', () => {
    const s = journeyStatus(facts(), 'a', NOW);
    assert.deepEqual(states(s), {
      acknowledge: 'open',
      responsibility: 'locked',
      expectations: 'locked',
      patience: 'locked',
      communicate: 'locked',
      consistency: 'locked',
      forgive: 'locked',
    });
    assert.deepEqual(
      s.steps.map((x) => x.number),
      [1, 2, 3, 4, 5, 6, 7],
    );
    assert.deepEqual(
      s.steps[0]?.waitingFor?.map((w) => [w.who, w.task]),
      [
        ['you', 'acknowledge'],
        ['partner', 'acknowledge'],
      ],
    );
  });

  test('step 1 is done only when both acknowledged, and then step 2 opens', () => {
    const one = journeyStatus(facts({ acknowledgements: [{ by: 'a', at: OPENED }] }), 'a', NOW);
    assert.equal(states(one).acknowledge, 'open');
    assert.deepEqual(
      one.steps[0]?.waitingFor?.map((w) => w.who),
      ['partner'],
    );
    assert.equal(states(one).responsibility, 'locked');
    const both = journeyStatus(facts(ackBoth), 'a', NOW);
    assert.equal(states(both).acknowledge, 'done');
    assert.equal(states(both).responsibility, 'open');
    assert.equal(states(both).expectations, 'locked');
  });

  test('step 2 needs a delivered apology AND the hurt partner’s answer', () => {
    const draft = facts({ ...ackBoth, apologies: [{ id: 'ap1', authorId: 'a', deliveredAt: null }] });
    assert.equal(states(journeyStatus(draft, 'b', NOW)).responsibility, 'open');
    const delivered = facts({ ...ackBoth, apologies: [{ id: 'ap1', authorId: 'a', deliveredAt: OPENED }] });
    const s = journeyStatus(delivered, 'a', NOW);
    assert.equal(states(s).responsibility, 'open');
    assert.deepEqual(
      s.steps[1]?.waitingFor?.map((w) => [w.who, w.task]),
      [['partner', 'answer_apology']],
    );
    const done = journeyStatus(facts({ ...ackBoth, ...apologyAnswered }), 'a', NOW);
    assert.equal(states(done).responsibility, 'done');
    assert.equal(states(done).expectations, 'open');
  });

  test('when both broke trust, each must apologise and each answer the other', () => {
    const f = facts({
      brokeTrust: ['a', 'b'],
      ...ackBoth,
      ...apologyAnswered,
    });
    const s = journeyStatus(f, 'b', NOW);
    assert.equal(states(s).responsibility, 'open');
    assert.deepEqual(
      s.steps[1]?.waitingFor?.map((w) => [w.who, w.task]),
      [['you', 'deliver_apology']],
    );
    const done = facts({
      brokeTrust: ['a', 'b'],
      ...ackBoth,
      apologies: [...apologyAnswered.apologies, { id: 'ap2', authorId: 'b', deliveredAt: OPENED }],
      apologyResponses: [
        ...apologyAnswered.apologyResponses,
        { apologyId: 'ap2', by: 'a', at: OPENED, received: true, missing: ['change'] },
      ],
    });
    assert.equal(states(journeyStatus(done, 'b', NOW)).responsibility, 'done');
  });

  test('step 3 is done only with an agreement accepted by the other partner; then 4–6 open', () => {
    const proposed = facts({
      ...ackBoth,
      ...apologyAnswered,
      agreements: [{ id: 'g1', status: 'proposed', proposedBy: 'b', committedBy: ['a'], acceptedBy: null, acceptedAt: null }],
    });
    const s = journeyStatus(proposed, 'a', NOW);
    assert.equal(states(s).expectations, 'open');
    assert.deepEqual(
      s.steps[2]?.waitingFor?.map((w) => [w.who, w.task]),
      [['you', 'accept_agreement']],
    );
    assert.equal(states(s).patience, 'locked');
    const done = journeyStatus(facts({ ...ackBoth, ...apologyAnswered, ...accepted }), 'b', NOW);
    assert.equal(states(done).expectations, 'done');
    for (const k of ['patience', 'communicate', 'consistency'] as const) assert.equal(states(done)[k], 'open');
  });

  test('a step with visible evidence stays open even if an earlier one is not done', () => {
    // The partner joined a solo journey: step 1 waits for them, but the agreement made stays reachable.
    const f = facts({
      acknowledgements: [{ by: 'a', at: OPENED }],
      agreements: [{ id: 'g1', status: 'active', proposedBy: 'a', committedBy: ['a'], acceptedBy: 'a', acceptedAt: OPENED }],
    });
    const s = states(journeyStatus(f, 'b', NOW));
    assert.equal(s.acknowledge, 'open');
    assert.equal(s.expectations, 'open');
    assert.equal(s.consistency, 'open');
    // The solo commitment is not "accepted by both": step 3 asks the partner for their part.
    assert.deepEqual(
      journeyStatus(f, 'b', NOW).steps[2]?.waitingFor?.map((w) => [w.who, w.task]),
      [['you', 'propose_agreement']],
    );
  });
});

describe('journeyStatus: solo journeys', () => {
  test('a solo partner who broke trust completes their parts; the rest waits for the partner', () => {
    const f = facts({
      partnerIds: ['a'],
      acknowledgements: [{ by: 'a', at: OPENED }],
      apologies: [{ id: 'ap1', authorId: 'a', deliveredAt: OPENED }],
      agreements: [{ id: 'g1', status: 'active', proposedBy: 'a', committedBy: ['a'], acceptedBy: 'a', acceptedAt: OPENED }],
    });
    const s = journeyStatus(f, 'a', NOW);
    assert.equal(s.solo, true);
    const st = states(s);
    assert.equal(st.acknowledge, 'done');
    assert.equal(st.responsibility, 'done');
    assert.equal(st.expectations, 'done');
    assert.equal(st.patience, 'open');
    assert.equal(st.forgive, 'locked');
    const tasks = s.waitingForPartner.map((w) => w.task);
    assert.deepEqual(tasks, [
      'join_space',
      'acknowledge',
      'answer_apology',
      'write_trust_looks_like',
      'accept_agreement',
      'weekly_meeting',
      'review_log',
    ]);
    assert.ok(s.waitingForPartner.every((w) => w.who === 'partner' && w.accountId === null));
  });

  test('a solo hurt partner: step 2 is done once they wrote what hurts; the apology waits', () => {
    const entry: EntryFact = { id: 'e1', prompt: 'what_hurts', authorId: 'b', visibility: 'private', createdAt: OPENED };
    const f = facts({ brokeTrust: [ABSENT_PARTNER], partnerIds: ['b'], acknowledgements: [{ by: 'b', at: OPENED }] });
    assert.equal(states(journeyStatus(f, 'b', NOW)).responsibility, 'open');
    const s = journeyStatus({ ...f, entries: [entry] }, 'b', NOW);
    assert.equal(states(s).responsibility, 'done');
    assert.deepEqual(
      s.steps[1]?.waitingFor?.map((w) => w.task),
      ['deliver_apology'],
    );
    assert.equal(s.role, 'hurt');
  });

  test('the solo user’s sealed entry is listed as waiting for the partner', () => {
    const entry: EntryFact = { id: 'e1', prompt: 'what_happened', authorId: 'a', visibility: 'sealed', createdAt: OPENED };
    const s = journeyStatus(facts({ partnerIds: ['a'], entries: [entry] }), 'a', NOW);
    assert.deepEqual(s.sealedWaiting, ['what_happened']);
  });
});

describe('journeyStatus: step 7 and the after-cheating extras', () => {
  test('the partner who broke trust never sees step 7 open, only done once a statement is shared', () => {
    const f = facts({ ...ackBoth, ...apologyAnswered, ...accepted, forgivenessOptIns: [{ by: 'b', at: OPENED }] });
    assert.equal(states(journeyStatus(f, 'b', NOW)).forgive, 'open');
    assert.equal(states(journeyStatus(f, 'a', NOW)).forgive, 'locked');
    assert.equal(journeyStatus(f, 'a', NOW).forgiveness, null);
    const statement: EntryFact = { id: 's', prompt: 'forgiveness_statement', authorId: 'b', visibility: 'shared', createdAt: NOW };
    assert.equal(states(journeyStatus({ ...f, entries: [statement] }, 'a', NOW)).forgive, 'done');
    assert.equal(states(journeyStatus({ ...f, entries: [statement] }, 'b', NOW)).forgive, 'done');
    const privateOne = { ...statement, visibility: 'private' as const };
    assert.equal(states(journeyStatus({ ...f, entries: [privateOne] }, 'b', NOW)).forgive, 'open');
  });

  test('step 7 never carries a waiting list', () => {
    const s = journeyStatus(facts({ ...ackBoth, ...apologyAnswered, ...accepted }), 'b', NOW);
    assert.equal(s.steps[6]?.waitingFor, undefined);
  });

  test('therapy recommendation, questions and the trigger log after cheating only', () => {
    for (const kind of ['infidelity', 'emotional_affair'] as const) {
      const s = journeyStatus(facts({}, kind), 'a', NOW);
      assert.equal(s.afterCheating && s.therapyRecommended && s.questionsAndAnswers && s.triggerLog, true);
    }
    const s = journeyStatus(facts({}, 'financial'), 'a', NOW);
    assert.equal(s.therapyRecommended || s.questionsAndAnswers || s.triggerLog, false);
  });
});

describe('journeyStatus: privacy of the facts', () => {
  const privateEntry = fc.record({
    id: fc.uuid(),
    prompt: fc.constantFrom('what_hurts', 'why_im_doing_this', 'forgiveness_reflection', 'forgiveness_statement' as const),
    authorId: fc.constant('b'),
    visibility: fc.constant('private' as const),
    createdAt: fc.constant(OPENED),
  });

  test('property: the partner’s private entries, drafts and early choice never change what a viewer is told', () => {
    fc.assert(
      fc.property(
        fc.array(privateEntry, { maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(
          facts(),
          facts(ackBoth),
          facts({ ...ackBoth, ...apologyAnswered }),
          facts({ ...ackBoth, ...apologyAnswered, ...accepted }),
        ),
        (privates, optIn, draft, base) => {
          const withSecrets: JourneyFacts = {
            ...base,
            brokeTrust: ['a', 'b'],
            entries: [...base.entries, ...(privates as EntryFact[])],
            forgivenessOptIns: optIn ? [{ by: 'b', at: OPENED }] : [],
            apologies: draft ? [...base.apologies, { id: 'draft', authorId: 'b', deliveredAt: null }] : base.apologies,
          };
          const plain: JourneyFacts = { ...base, brokeTrust: ['a', 'b'] };
          assert.deepEqual(journeyStatus(withSecrets, 'a', NOW), journeyStatus(plain, 'a', NOW));
        },
      ),
    );
  });
});

describe('journeyStatus: a partner who left (issue #19)', () => {
  // 'a' broke trust and left (or deleted their account: 'a' is then a stand-in); 'b' stays alone.
  const left = (over: Partial<JourneyFacts>): JourneyFacts => facts({ ...over, partnerIds: ['b'], formerPartnerIds: ['a'] });
  const reached = { ...ackBoth, ...apologyAnswered, ...accepted };

  test('what was reached together stays reached for the partner who stays', () => {
    const s = journeyStatus(left(reached), 'b', NOW);
    assert.deepEqual(states(s), {
      acknowledge: 'done',
      responsibility: 'done',
      expectations: 'done',
      patience: 'open',
      communicate: 'open',
      consistency: 'open',
      forgive: 'locked',
    });
    assert.equal(s.role, 'hurt', 'the partner who stays was still hurt in this breach');
    assert.equal(s.solo, true, 'they go on alone');
    assert.equal(s.steps[1]?.waitingFor, undefined, 'a step done with the partner who left waits for nobody');
  });

  test('without the partner who left the same facts read as a solo journey that went back (what #19 fixes)', () => {
    const s = journeyStatus(facts({ ...reached, partnerIds: ['b'] }), 'b', NOW);
    assert.equal(states(s).responsibility, 'open', 'the apology the partner answered would wait again');
  });

  test('a step not reached says what it waited for when they left', () => {
    const s = journeyStatus(left({ ...ackBoth, apologies: [{ id: 'ap1', authorId: 'a', deliveredAt: OPENED }] }), 'b', NOW);
    assert.equal(states(s).acknowledge, 'done');
    assert.equal(states(s).responsibility, 'open');
    assert.ok(
      s.steps[1]?.waitingFor?.some((w) => w.who === 'you' && w.task === 'answer_apology'),
      'the partner who stays can still answer the apology',
    );
  });

  test('property: a partner leaving never takes a step back, for anyone who is still here', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(facts(), facts(ackBoth), facts({ ...ackBoth, ...apologyAnswered }), facts(reached)),
        fc.constantFrom('a', 'b'),
        (base, leaver) => {
          const stayer = leaver === 'a' ? 'b' : 'a';
          const before = journeyStatus(base, stayer, NOW);
          const after = journeyStatus({ ...base, partnerIds: [stayer], formerPartnerIds: [leaver] }, stayer, NOW);
          const rank = { locked: 0, open: 1, done: 2 };
          for (const [i, s] of before.steps.entries()) {
            if (s.number === 7) continue;
            assert.ok(rank[after.steps[i]!.status] >= rank[s.status], `step ${s.number}: ${s.status} → ${after.steps[i]!.status}`);
          }
        },
      ),
    );
  });
});

describe('journeyStatus: what a partner joining again is asked (issue #19)', () => {
  test('only what the partner who left had not done, never what they did', () => {
    const reachedAll = facts({ ...ackBoth, ...apologyAnswered, ...accepted, partnerIds: ['b'], formerPartnerIds: ['a'] });
    assert.deepEqual(
      journeyStatus(reachedAll, 'b', NOW).waitingForPartner.map((w) => w.task),
      ['join_space'],
    );
    const before = facts({ acknowledgements: [{ by: 'b', at: OPENED }], partnerIds: ['b'], formerPartnerIds: ['a'] });
    const tasks = journeyStatus(before, 'b', NOW).waitingForPartner.map((w) => w.task);
    assert.ok(tasks.includes('acknowledge'), 'they had not acknowledged');
    assert.ok(!tasks.includes('answer_apology'), 'nothing of a step not reached');
  });
});
