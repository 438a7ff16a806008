import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { emptyFacts, type JourneyFacts } from './facts.js';
import { consistencyStartMs, forgivenessGate, minimumConsistencyWeeks } from './forgiveness-gate.js';
import { journeyStatus } from './journey-status.js';
import { BREACH_KINDS, type BreachKind } from './breach-kind.js';

const DAY = 86_400_000;
const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const iso = (days: number) => new Date(T0 + days * DAY).toISOString();
const date = (days: number) => iso(days).slice(0, 10);

function journey(kind: BreachKind, over: Partial<JourneyFacts> = {}): JourneyFacts {
  return {
    ...emptyFacts({ kind, brokeTrust: ['a'], partnerIds: ['a', 'b'], openedAt: iso(0) }),
    acknowledgements: [
      { by: 'a', at: iso(0) },
      { by: 'b', at: iso(0) },
    ],
    apologies: [{ id: 'ap', authorId: 'a', deliveredAt: iso(1) }],
    apologyResponses: [{ apologyId: 'ap', by: 'b', at: iso(2), received: true, missing: [] }],
    agreements: [{ id: 'g', status: 'active', proposedBy: 'b', committedBy: ['a'], acceptedBy: 'a', acceptedAt: iso(3) }],
    occasions: [{ agreementId: 'g', occurredOn: date(4) }],
    ...over,
  };
}

describe('forgiveness gate', () => {
  test('4 weeks of tracked consistency, 12 after cheating', () => {
    assert.equal(minimumConsistencyWeeks('lying'), 4);
    assert.equal(minimumConsistencyWeeks('infidelity'), 12);
    assert.equal(minimumConsistencyWeeks('emotional_affair'), 12);
    const lying = journey('lying');
    assert.equal(forgivenessGate(lying, 'b', iso(4 + 27))?.offered, false);
    const met = forgivenessGate(lying, 'b', iso(4 + 28));
    assert.equal(met?.offered, true);
    assert.equal(met?.gateMetAt, iso(32));
    assert.equal(forgivenessGate(journey('infidelity'), 'b', iso(4 + 83))?.offered, false);
    assert.equal(forgivenessGate(journey('infidelity'), 'b', iso(4 + 84))?.offered, true);
  });

  test('tracking starts at the later of the first acceptance and the first logged occasion', () => {
    const f = journey('lying', {
      occasions: [
        { agreementId: 'g', occurredOn: date(1) },
        { agreementId: 'g', occurredOn: date(10) },
      ],
    });
    assert.equal(consistencyStartMs(f, 'b', iso(100)), Date.parse(iso(3)));
    assert.equal(consistencyStartMs(journey('lying', { occasions: [] }), 'b', iso(100)), null);
  });

  test('only agreements of the partner who broke trust count', () => {
    const f = journey('lying', {
      agreements: [{ id: 'g', status: 'active', proposedBy: 'a', committedBy: ['b'], acceptedBy: 'b', acceptedAt: iso(3) }],
    });
    assert.equal(forgivenessGate(f, 'b', iso(200))?.offered, false);
  });

  test('no delivered apology, no gate — whatever the time', () => {
    const f = journey('lying', { apologies: [{ id: 'ap', authorId: 'a', deliveredAt: null }] });
    assert.equal(forgivenessGate(f, 'b', iso(400))?.offered, false);
  });

  test('the hurt partner may open it early by their own choice; nobody else can', () => {
    const f = journey('infidelity', { forgivenessOptIns: [{ by: 'b', at: iso(5) }] });
    const gate = forgivenessGate(f, 'b', iso(6));
    assert.equal(gate?.offered, true);
    assert.equal(gate?.chosenEarlyAt, iso(5));
    assert.equal(gate?.gateMetAt, null);
    const byOther = journey('infidelity', { forgivenessOptIns: [{ by: 'a', at: iso(5) }] });
    assert.equal(forgivenessGate(byOther, 'b', iso(6))?.offered, false);
  });

  test('there is no gate for someone who was not hurt', () => {
    assert.equal(forgivenessGate(journey('lying'), 'a', iso(400)), null);
    assert.equal(forgivenessGate(journey('lying'), 'therapist', iso(400)), null);
  });

  const arbitrary = fc.record({
    kind: fc.constantFrom(...BREACH_KINDS),
    brokeTrust: fc.constantFrom(['a'], ['b'], ['a', 'b']),
    delivered: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    acceptedAt: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    committed: fc.constantFrom(['a'], ['b'], ['a', 'b']),
    occasions: fc.array(fc.integer({ min: -10, max: 200 }), { maxLength: 5 }),
    optIn: fc.option(fc.record({ by: fc.constantFrom('a', 'b'), day: fc.integer({ min: 0, max: 200 }) }), { nil: null }),
    now: fc.integer({ min: 0, max: 300 }),
    viewer: fc.constantFrom('a', 'b'),
  });

  test('property: step 7 never opens for a hurt partner before the gate unless they chose it', () => {
    fc.assert(
      fc.property(arbitrary, (x) => {
        const author = x.brokeTrust.find((id) => id !== x.viewer) ?? (x.brokeTrust[0] as string);
        const f: JourneyFacts = {
          ...emptyFacts({ kind: x.kind, brokeTrust: x.brokeTrust, partnerIds: ['a', 'b'], openedAt: iso(0) }),
          apologies: x.delivered === null ? [] : [{ id: 'ap', authorId: author, deliveredAt: iso(x.delivered) }],
          agreements:
            x.acceptedAt === null
              ? []
              : [{ id: 'g', status: 'active', proposedBy: 'a', committedBy: x.committed, acceptedBy: 'b', acceptedAt: iso(x.acceptedAt) }],
          occasions: x.occasions.map((d) => ({ agreementId: 'g', occurredOn: date(d) })),
          forgivenessOptIns: x.optIn === null ? [] : [{ by: x.optIn.by, at: iso(x.optIn.day) }],
        };
        const status = journeyStatus(f, x.viewer, iso(x.now)).steps[6]?.status;
        if (status !== 'open') return;
        const chose = x.optIn !== null && x.optIn.by === x.viewer && x.optIn.day <= x.now;
        if (chose) return;
        // Otherwise the gate must really be met: a delivered apology from the other partner, and
        // the required weeks since tracking began, both by now.
        const hurters: string[] = x.brokeTrust.filter((id) => id !== x.viewer);
        assert.ok(hurters.includes(author) && x.delivered !== null && x.delivered <= x.now);
        assert.ok(x.acceptedAt !== null && x.committed.some((id) => hurters.includes(id)));
        const firstOccasion = Math.min(...x.occasions.filter((d) => d <= x.now));
        const start = Math.max(x.acceptedAt, firstOccasion);
        assert.ok(x.now - start >= minimumConsistencyWeeks(x.kind) * 7);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the journey reads only the first logged occasion of each agreement', () => {
  // features/journey/facts-store.ts `firstOccasions` gives the rules each agreement's earliest occasion
  // instead of its whole log (a year of daily logs is hundreds of rows per page); every rule must
  // decide the same from those.
  const firstOf = (occasions: JourneyFacts['occasions']): JourneyFacts['occasions'] => {
    const first = new Map<string, string>();
    for (const o of occasions)
      if (!first.has(o.agreementId) || o.occurredOn < first.get(o.agreementId)!) first.set(o.agreementId, o.occurredOn);
    return [...first].map(([agreementId, occurredOn]) => ({ agreementId, occurredOn }));
  };

  test('property: the whole status, for every viewer and time, is the same from the first occasions', () => {
    const agreement = fc.record({
      id: fc.constantFrom('g1', 'g2', 'g3'),
      committedBy: fc.subarray(['a', 'b'], { minLength: 1 }),
      acceptedAt: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...BREACH_KINDS),
        fc.subarray(['a', 'b'], { minLength: 1 }),
        fc.uniqueArray(agreement, { selector: (g) => g.id, maxLength: 3 }),
        fc.array(fc.record({ agreementId: fc.constantFrom('g1', 'g2', 'g3'), day: fc.integer({ min: 0, max: 300 }) }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 400 }),
        (kind, brokeTrust, agreements, logged, now) => {
          const f: JourneyFacts = {
            ...journey(kind, { brokeTrust }),
            agreements: agreements.map((g) => ({
              id: g.id,
              status: g.acceptedAt === null ? 'proposed' : 'active',
              proposedBy: 'b',
              committedBy: g.committedBy,
              acceptedBy: g.acceptedAt === null ? null : 'a',
              acceptedAt: g.acceptedAt === null ? null : iso(g.acceptedAt),
            })),
            occasions: logged.map((o) => ({ agreementId: o.agreementId, occurredOn: date(o.day) })),
          };
          const first: JourneyFacts = { ...f, occasions: firstOf(f.occasions) };
          for (const viewer of ['a', 'b']) {
            assert.deepEqual(journeyStatus(first, viewer, iso(now)), journeyStatus(f, viewer, iso(now)));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
