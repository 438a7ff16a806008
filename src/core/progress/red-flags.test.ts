import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { consistencyScore } from './consistency.js';
import { addDays } from './dates.js';
import { redFlags, redFlagsVisibleTo, type CoachFact, type RedFlagFacts } from './red-flags.js';

const TODAY = '2025-09-30';
const none: RedFlagFacts = { breaches: [], journeys: [], consistency: [], partners: [], coachFindings: [] };
const rules = (facts: Partial<RedFlagFacts>) => redFlags({ ...none, ...facts }, TODAY).map((f) => f.rule);

describe('breach rules', () => {
  const first = { id: 'b1', kind: 'lying', recordedOn: '2025-01-10', occurredOn: '2025-01-01', brokeTrust: ['a'] };
  const journey = { id: 'j1', breachId: 'b1', openedOn: '2025-01-10' };

  test('a new breach during an open journey, with its evidence', () => {
    const second = { id: 'b2', kind: 'financial', recordedOn: '2025-06-02', occurredOn: '2025-05-30', brokeTrust: ['a'] };
    const [flag] = redFlags({ ...none, breaches: [first, second], journeys: [journey] }, TODAY);
    assert.equal(flag?.rule, 'breach_during_journey');
    assert.deepEqual(flag?.evidence, {
      breachId: 'b2',
      kind: 'financial',
      happenedOn: '2025-05-30',
      recordedOn: '2025-06-02',
      openJourneyIds: ['j1'],
    });
    assert.equal(flag?.subjectId, 'a');
    assert.equal(flag?.fromPrivateData, false);
  });

  test('entering past breaches on the first day, or after the journey closed, is not a flag', () => {
    const past = { id: 'b0', kind: 'other', recordedOn: '2025-01-10', occurredOn: '2019-04-01', brokeTrust: ['b'] };
    assert.deepEqual(rules({ breaches: [first, past], journeys: [journey] }), []);
    const later = { id: 'b3', kind: 'other', recordedOn: '2025-08-01', brokeTrust: ['a'] };
    assert.deepEqual(rules({ breaches: [first, later], journeys: [{ ...journey, closedOn: '2025-07-01' }] }), []);
  });

  test('two breaches of the same kind within 12 months; not when further apart', () => {
    const again = { id: 'b4', kind: 'lying', recordedOn: '2025-12-01', occurredOn: '2025-11-30', brokeTrust: ['a'] };
    const flags = redFlags({ ...none, breaches: [first, again] }, TODAY);
    assert.deepEqual(
      flags.map((f) => f.rule),
      ['repeated_breach_kind'],
    );
    assert.deepEqual(flags[0]!.evidence, {
      kind: 'lying',
      breachIds: ['b1', 'b4'],
      happenedOn: ['2025-01-01', '2025-11-30'],
      withinDays: 365,
    });
    assert.deepEqual(rules({ breaches: [first, { ...again, occurredOn: '2026-01-02' }] }), []);
  });

  test('a flag drawn from a private breach is shown to its owner only', () => {
    const secret = { id: 'b5', kind: 'lying', recordedOn: '2025-03-01', brokeTrust: ['a'], privateTo: 'b' };
    const flags = redFlags({ ...none, breaches: [first, secret], journeys: [journey] }, TODAY);
    assert.deepEqual(
      flags.map((f) => [f.rule, f.fromPrivateData, f.ownerId]),
      [
        ['breach_during_journey', true, 'b'],
        ['repeated_breach_kind', true, 'b'],
      ],
    );
    assert.equal(redFlagsVisibleTo(flags, 'a').length, 0);
    assert.equal(redFlagsVisibleTo(flags, 'b').length, 2);
    assert.equal(redFlagsVisibleTo(flags, 'therapist').length, 0);
  });
});

describe('consistency and silence', () => {
  const misses = (from: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      occurredOn: addDays(from, i * 4),
      kept: i % 3 === 0,
      reportedBy: 'partner' as const,
      status: 'confirmed' as const,
    }));

  test('a score below 0.5 after six weeks of logging', () => {
    const score = consistencyScore(misses('2025-08-01', 15), TODAY);
    assert.ok(score.score < 0.5);
    const [flag] = redFlags({ ...none, consistency: [{ partnerId: 'a', score }] }, TODAY);
    assert.equal(flag?.rule, 'low_consistency');
    assert.equal(flag?.subjectId, 'a');
    assert.ok(flag?.rule === 'low_consistency' && flag.evidence.weeksOfLogging === 8 && flag.evidence.firstLoggedOn === '2025-08-01');
  });

  test('not before six weeks, and not at 0.5 or above', () => {
    const young = consistencyScore(misses('2025-08-20', 10), TODAY);
    assert.ok(young.score < 0.5);
    assert.deepEqual(rules({ consistency: [{ partnerId: 'a', score: young }] }), []);
    assert.deepEqual(rules({ consistency: [{ partnerId: 'a', score: consistencyScore([], TODAY) }] }), []);
  });

  test('silent for 21 days, counted from the last check-in or from joining', () => {
    const flags = redFlags(
      {
        ...none,
        partners: [
          { partnerId: 'a', joinedOn: '2025-01-01', lastCheckinOn: '2025-09-09' },
          { partnerId: 'b', joinedOn: '2025-09-01', lastCheckinOn: null },
          { partnerId: 'c', joinedOn: '2025-01-01', lastCheckinOn: '2025-09-10' },
        ],
      },
      TODAY,
    );
    assert.deepEqual(
      flags.map((f) => [f.subjectId, f.raisedOn]),
      [
        ['a', '2025-09-30'],
        ['b', '2025-09-22'],
      ],
    );
    assert.ok(flags[0]!.rule === 'partner_silent' && flags[0]!.evidence.daysSilent === 21);
  });
});

describe('contempt', () => {
  const msg = (i: number, contempt: boolean, visibility: CoachFact['visibility'] = 'shared', authorId = 'a'): CoachFact => ({
    id: `m${i}`,
    authorId,
    at: `${addDays(TODAY, -i)}T12:00:00Z`,
    visibility,
    contempt,
  });

  test('three of the last ten shared messages: a shared flag with the message ids', () => {
    const facts = [
      msg(1, true),
      msg(2, false),
      msg(3, true),
      msg(4, false),
      msg(5, true),
      ...Array.from({ length: 8 }, (_, i) => msg(6 + i, false)),
    ];
    const [flag] = redFlags({ ...none, coachFindings: facts }, TODAY);
    assert.equal(flag?.rule, 'contempt');
    assert.equal(flag?.fromPrivateData, false);
    assert.deepEqual(flag?.evidence, {
      contemptCount: 3,
      messagesConsidered: 10,
      messageIds: ['m1', 'm3', 'm5'],
      windowDays: 30,
      threshold: 3,
    });
  });

  test('two is not enough; old messages do not count; the 10-message window slides', () => {
    assert.deepEqual(rules({ coachFindings: [msg(1, true), msg(2, true), msg(3, false)] }), []);
    assert.deepEqual(rules({ coachFindings: [msg(1, true), msg(2, true), msg(31, true)] }), []);
    const old = [msg(12, true), msg(13, true), msg(14, true), ...Array.from({ length: 10 }, (_, i) => msg(1 + i, false))];
    assert.deepEqual(rules({ coachFindings: old }), []);
  });

  test('a flag that needs a private or sealed message is private to its author', () => {
    const facts = [msg(1, true), msg(2, true, 'private'), msg(3, true, 'sealed'), msg(4, false, 'shared', 'b')];
    const flags = redFlags({ ...none, coachFindings: facts }, TODAY);
    assert.deepEqual(
      flags.map((f) => [f.rule, f.fromPrivateData, f.ownerId, f.subjectId]),
      [['contempt', true, 'a', 'a']],
    );
    assert.match(flags[0]!.message, /Only you can see this/);
    assert.deepEqual(redFlagsVisibleTo(flags, 'b'), []);
  });

  test('property: a flag visible to the other partner never rests on a private message', () => {
    const factArb = fc.record({
      id: fc.uuid(),
      authorId: fc.constantFrom('a', 'b'),
      at: fc.integer({ min: 0, max: 40 }).map((d) => `${addDays(TODAY, -d)}T08:00:00Z`),
      visibility: fc.constantFrom('private' as const, 'shared' as const, 'sealed' as const),
      contempt: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 40 }), (facts) => {
        const byId = new Map(facts.map((f) => [f.id, f]));
        for (const flag of redFlags({ ...none, coachFindings: facts }, TODAY)) {
          if (flag.rule !== 'contempt') continue;
          if (flag.fromPrivateData) {
            assert.equal(flag.ownerId, flag.subjectId);
            continue;
          }
          // Recomputing from shared messages alone must raise the same flag.
          const shared = facts.filter((f) => f.visibility === 'shared');
          assert.ok(
            redFlags({ ...none, coachFindings: shared }, TODAY).some((f) => f.rule === 'contempt' && f.subjectId === flag.subjectId),
          );
          for (const id of flag.evidence.messageIds) assert.equal(byId.get(id)?.visibility, 'shared');
        }
      }),
    );
  });
});
