import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ABSENT_PARTNER } from './roles.js';
import { emptyFacts, type JourneyFacts } from './facts.js';
import { journeyStatus } from './journey-status.js';
import { stepDates, type StepDateFacts } from './step-dates.js';

const OPENED = '2025-01-01T10:00:00.000Z';
const NOW = '2025-06-01T10:00:00.000Z';
const day = (n: number, hour = 10) => new Date(Date.parse(OPENED) + n * 86_400_000 + (hour - 10) * 3_600_000).toISOString();

function journey(over: Partial<JourneyFacts> = {}): JourneyFacts {
  return { ...emptyFacts({ kind: 'lying', brokeTrust: ['a'], partnerIds: ['a', 'b'], openedAt: OPENED }), ...over };
}

/** The dating facts a reader sees of `facts` (what the report's loader hands over). */
function seen(facts: JourneyFacts): StepDateFacts {
  return {
    openedAt: facts.openedAt,
    partnerIds: facts.partnerIds,
    acknowledgements: facts.acknowledgements,
    apologies: facts.apologies
      .filter((a) => a.deliveredAt !== null)
      .map((a) => ({
        deliveredAt: a.deliveredAt!,
        answeredAt: facts.apologyResponses.filter((r) => r.apologyId === a.id).map((r) => r.at),
      })),
    agreementsAcceptedAt: facts.agreements.flatMap((g) => (g.acceptedAt ? [g.acceptedAt] : [])),
    forgivenessSharedAt: facts.entries
      .filter((e) => e.prompt === 'forgiveness_statement' && e.visibility === 'shared')
      .map((e) => e.createdAt),
  };
}

const datesOf = (facts: JourneyFacts, viewer = 'b') => stepDates(journeyStatus(facts, viewer, NOW).steps, seen(facts));

test('a new journey: step 1 open since the journey began, nothing else dated', () => {
  const dates = datesOf(journey());
  assert.deepEqual(dates[0], { number: 1, key: 'acknowledge', status: 'open', openedAt: OPENED, doneAt: null });
  for (const d of dates.slice(1)) assert.deepEqual([d.status, d.openedAt, d.doneAt], ['locked', null, null], d.key);
});

test('each step is dated by what finished it: both acknowledgements, the answer, the first agreement accepted', () => {
  const facts = journey({
    acknowledgements: [
      { by: 'a', at: day(1) },
      { by: 'b', at: day(3) },
      { by: 'a', at: day(9) },
    ],
    apologies: [{ id: 'p1', authorId: 'a', deliveredAt: day(5) }],
    apologyResponses: [{ apologyId: 'p1', by: 'b', at: day(6), received: true, missing: [] }],
    agreements: [
      { id: 'g2', status: 'active', proposedBy: 'a', committedBy: ['a'], acceptedBy: 'b', acceptedAt: day(12) },
      { id: 'g1', status: 'active', proposedBy: 'b', committedBy: ['a'], acceptedBy: 'a', acceptedAt: day(10) },
    ],
  });
  const dates = datesOf(facts);
  const byKey = Object.fromEntries(dates.map((d) => [d.key, d]));
  assert.deepEqual([byKey.acknowledge!.status, byKey.acknowledge!.doneAt], ['done', day(3)], 'the later of the two first acknowledgements');
  assert.deepEqual([byKey.responsibility!.openedAt, byKey.responsibility!.doneAt], [day(3), day(6)]);
  assert.deepEqual([byKey.expectations!.openedAt, byKey.expectations!.doneAt], [day(6), day(10)]);
  for (const key of ['patience', 'communicate', 'consistency'] as const) {
    assert.deepEqual([byKey[key]!.status, byKey[key]!.openedAt, byKey[key]!.doneAt], ['open', day(10), null], key);
  }
  assert.deepEqual([byKey.forgive!.status, byKey.forgive!.openedAt, byKey.forgive!.doneAt], ['locked', null, null]);
});

test('an apology delivered before step 1 was done opens step 2 on its day', () => {
  const facts = journey({
    acknowledgements: [{ by: 'a', at: day(1) }],
    apologies: [{ id: 'p1', authorId: 'a', deliveredAt: day(2) }],
  });
  const step2 = datesOf(facts).find((d) => d.key === 'responsibility')!;
  assert.equal(step2.status, 'open');
  assert.equal(step2.openedAt, day(2));
});

test('step 7 is dated only by a shared statement; its opening, which may be a private choice, never is', () => {
  const base = {
    acknowledgements: [
      { by: 'a', at: day(1) },
      { by: 'b', at: day(1) },
    ],
    apologies: [{ id: 'p1', authorId: 'a', deliveredAt: day(2) }],
    apologyResponses: [{ apologyId: 'p1', by: 'b', at: day(2), received: true as const, missing: [] }],
    agreements: [{ id: 'g1', status: 'active' as const, proposedBy: 'b', committedBy: ['a'], acceptedBy: 'a', acceptedAt: day(3) }],
    forgivenessOptIns: [{ by: 'b', at: day(4) }],
  };
  const opened = datesOf(journey(base)).find((d) => d.key === 'forgive')!;
  assert.deepEqual([opened.status, opened.openedAt, opened.doneAt], ['open', null, null], 'the hurt partner opened it early: not dated');
  const shared = journey({
    ...base,
    entries: [{ id: 'f1', prompt: 'forgiveness_statement', authorId: 'b', visibility: 'shared', createdAt: day(40) }],
  });
  for (const viewer of ['a', 'b']) {
    const done = datesOf(shared, viewer).find((d) => d.key === 'forgive')!;
    assert.deepEqual([done.status, done.doneAt], ['done', day(40)], viewer);
  }
});

test('alone: step 1 is dated by the one acknowledgement; step 2 done without a date the record can show', () => {
  const facts = journey({
    partnerIds: ['b'],
    brokeTrust: [ABSENT_PARTNER],
    acknowledgements: [{ by: 'b', at: day(2) }],
    entries: [{ id: 'h1', prompt: 'what_hurts', authorId: 'b', visibility: 'private', createdAt: day(4) }],
  });
  const dates = datesOf(facts);
  assert.deepEqual([dates[0]!.status, dates[0]!.doneAt], ['done', day(2)]);
  assert.deepEqual([dates[1]!.status, dates[1]!.openedAt, dates[1]!.doneAt], ['done', day(2), null]);
});

test('property: dates agree with the states — locked has none, open has no end, an end is one of the facts and never before the opening', () => {
  const when = fc.integer({ min: 0, max: 200 }).map((n) => day(n));
  fc.assert(
    fc.property(
      fc.array(fc.record({ by: fc.constantFrom('a', 'b'), at: when }), { maxLength: 4 }),
      fc.array(fc.record({ delivered: when, answers: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 2 }) }), { maxLength: 3 }),
      fc.array(when, { maxLength: 3 }),
      fc.array(when, { maxLength: 2 }),
      fc.constantFrom('a', 'b'),
      (acks, apologies, accepted, statements, viewer) => {
        const facts = journey({
          acknowledgements: acks,
          apologies: apologies.map((p, i) => ({ id: `p${i}`, authorId: 'a', deliveredAt: p.delivered })),
          apologyResponses: apologies.flatMap((p, i) =>
            p.answers.map((gap) => ({
              apologyId: `p${i}`,
              by: 'b',
              at: new Date(Date.parse(p.delivered) + gap * 3_600_000).toISOString(),
              received: true as const,
              missing: [],
            })),
          ),
          agreements: accepted.map((at, i) => ({
            id: `g${i}`,
            status: 'active' as const,
            proposedBy: 'b',
            committedBy: ['a'],
            acceptedBy: 'a',
            acceptedAt: at,
          })),
          entries: statements.map((at, i) => ({
            id: `f${i}`,
            prompt: 'forgiveness_statement' as const,
            authorId: 'b',
            visibility: 'shared' as const,
            createdAt: at,
          })),
        });
        const status = journeyStatus(facts, viewer, NOW);
        const known = new Set([
          OPENED,
          ...acks.map((x) => x.at),
          ...facts.apologies.map((x) => x.deliveredAt!),
          ...facts.apologyResponses.map((x) => x.at),
          ...accepted,
          ...statements,
        ]);
        const dates = stepDates(status.steps, seen(facts));
        assert.deepEqual(
          dates.map((d) => d.status),
          status.steps.map((s) => s.status),
        );
        for (const d of dates) {
          if (d.status === 'locked') assert.deepEqual([d.openedAt, d.doneAt], [null, null]);
          if (d.status === 'open') assert.equal(d.doneAt, null);
          for (const at of [d.openedAt, d.doneAt]) if (at !== null) assert.ok(known.has(at), `${d.key}: ${at} is a fact`);
          if (d.openedAt && d.doneAt) assert.ok(d.openedAt <= d.doneAt, d.key);
        }
      },
    ),
  );
});
