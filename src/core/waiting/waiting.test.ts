import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WAITING_KINDS, waitingFor, waitingWords, type WaitingFacts } from './waiting.js';

const ME = 'me';
const THEM = 'them';
const S = 'space1';

const empty = (over: Partial<WaitingFacts> = {}): WaitingFacts => ({
  spaceId: S,
  viewerId: ME,
  viewerRole: 'partner',
  partnerId: THEM,
  today: '2026-12-06',
  checkedInToday: true,
  therapists: [],
  reassurance: [],
  questions: [],
  apologies: [],
  agreements: [],
  occasions: [],
  sealedHalves: [],
  ...over,
});

const T1 = '2026-12-01T10:00:00.000Z';
const T2 = '2026-12-02T10:00:00.000Z';

describe('waitingFor', () => {
  test('nothing waits: an empty list', () => {
    assert.deepEqual(waitingFor(empty()), []);
  });

  test('each kind the partner started waits on the viewer, with one link, oldest first and the check-in last', () => {
    const items = waitingFor(
      empty({
        checkedInToday: false,
        reassurance: [{ id: 'r1', askedBy: THEM, createdAt: T2, answered: false }],
        questions: [{ id: 'q1', journeyId: 'j1', askedBy: THEM, createdAt: T1, answered: false, deferredUntil: null }],
        apologies: [{ id: 'a1', journeyId: 'j1', authorId: THEM, deliveredAt: T1, answeredByViewer: false }],
        agreements: [{ id: 'g1', journeyId: 'j1', status: 'proposed', proposedBy: THEM, proposedAt: T2 }],
        occasions: [{ id: 'o1', agreementId: 'g1', loggedBy: THEM, occurredOn: '2026-03-30', createdAt: T2, reviewed: false }],
        sealedHalves: [{ journeyId: 'j1', prompt: 'what_happened', authorId: THEM, createdAt: T1 }],
      }),
    );
    assert.deepEqual(
      items.map((i) => i.kind),
      // Same instant: by link.
      ['question', 'sealed_half', 'apology', 'agreement', 'occasion', 'reassurance', 'checkin'],
    );
    assert.deepEqual(items.find((i) => i.kind === 'question')?.href, '/journeys/j1/questions#question-q1');
    assert.deepEqual(items.find((i) => i.kind === 'sealed_half')?.href, '/journeys/j1/steps/1#what_happened-heading');
    assert.deepEqual(items.at(-1), { kind: 'checkin', href: `/spaces/${S}/check-in`, since: null, count: 1 });
  });

  test('what is done, or the viewer’s own, or not yet delivered, does not wait', () => {
    const items = waitingFor(
      empty({
        reassurance: [
          { id: 'r1', askedBy: THEM, createdAt: T1, answered: true },
          { id: 'r2', askedBy: ME, createdAt: T1, answered: false },
        ],
        questions: [
          { id: 'q1', journeyId: 'j1', askedBy: THEM, createdAt: T1, answered: true, deferredUntil: null },
          { id: 'q2', journeyId: 'j1', askedBy: THEM, createdAt: T1, answered: false, deferredUntil: '2026-12-07' },
          { id: 'q3', journeyId: 'j1', askedBy: ME, createdAt: T1, answered: false, deferredUntil: null },
        ],
        apologies: [
          { id: 'a1', journeyId: 'j1', authorId: THEM, deliveredAt: null, answeredByViewer: false },
          { id: 'a2', journeyId: 'j1', authorId: THEM, deliveredAt: T1, answeredByViewer: true },
          { id: 'a3', journeyId: 'j1', authorId: ME, deliveredAt: T1, answeredByViewer: false },
        ],
        agreements: [
          { id: 'g1', journeyId: null, status: 'active', proposedBy: THEM, proposedAt: T1 },
          { id: 'g2', journeyId: null, status: 'countered', proposedBy: THEM, proposedAt: T1 },
          { id: 'g3', journeyId: null, status: 'proposed', proposedBy: ME, proposedAt: T1 },
        ],
        occasions: [
          { id: 'o1', agreementId: 'g1', loggedBy: THEM, occurredOn: '2026-03-30', createdAt: T1, reviewed: true },
          { id: 'o2', agreementId: 'g1', loggedBy: ME, occurredOn: '2026-03-30', createdAt: T1, reviewed: false },
        ],
        sealedHalves: [
          { journeyId: 'j1', prompt: 'what_happened', authorId: THEM, createdAt: T1 },
          { journeyId: 'j1', prompt: 'what_happened', authorId: ME, createdAt: T2 },
          { journeyId: 'j1', prompt: 'trust_looks_like', authorId: ME, createdAt: T2 },
        ],
      }),
    );
    assert.deepEqual(items, []);
  });

  test('a deferred question waits again on its date', () => {
    const q = { id: 'q', journeyId: 'j', askedBy: THEM, createdAt: T1, answered: false, deferredUntil: '2026-12-06' };
    assert.equal(waitingFor(empty({ questions: [q] })).length, 1);
  });

  test('a therapist is never waited on; a partner on their own only by their check-in', () => {
    const busy = empty({
      checkedInToday: false,
      reassurance: [{ id: 'r1', askedBy: THEM, createdAt: T1, answered: false }],
    });
    assert.deepEqual(waitingFor({ ...busy, viewerRole: 'therapist' }), []);
    assert.deepEqual(
      waitingFor({ ...busy, partnerId: null }).map((i) => i.kind),
      ['checkin'],
    );
  });

  test('a therapist waiting for consent waits on each partner who has not given it, alone or not, by id and date only', () => {
    const therapists = [
      { therapistId: 't1', joinedAt: T2, consentedByViewer: false },
      { therapistId: 't2', joinedAt: T1, consentedByViewer: true },
    ];
    const reassurance = [{ id: 'r1', askedBy: THEM, createdAt: T1, answered: false }];
    assert.deepEqual(waitingFor(empty({ therapists, reassurance })), [
      { kind: 'reassurance', href: `/spaces/${S}/reassurance#answer-r1`, since: T1, count: 1 },
      { kind: 'therapist', href: `/spaces/${S}#therapist-t1`, since: T2, count: 1 },
    ]);
    assert.deepEqual(
      waitingFor(empty({ therapists, partnerId: null })).map((i) => i.href),
      [`/spaces/${S}#therapist-t1`],
      'a partner on their own is asked too',
    );
    assert.deepEqual(waitingFor(empty({ therapists, viewerRole: 'therapist' })), [], 'never the therapist');
    assert.equal(waitingWords('therapist', 'Alex'), 'A therapist waiting for your agreement');
  });

  test('the occasions of one agreement wait as one item with their count, linked to the oldest', () => {
    const items = waitingFor(
      empty({
        checkedInToday: true,
        occasions: [
          { id: 'o2', agreementId: 'g1', loggedBy: THEM, occurredOn: '2026-03-30', createdAt: T2, reviewed: false },
          { id: 'o1', agreementId: 'g1', loggedBy: THEM, occurredOn: '2026-03-30', createdAt: T1, reviewed: false },
          { id: 'o3', agreementId: 'g1', loggedBy: THEM, occurredOn: '2026-03-30', createdAt: T2, reviewed: true },
          { id: 'o4', agreementId: 'g2', loggedBy: THEM, occurredOn: '2026-03-30', createdAt: T2, reviewed: false },
        ],
      }),
    );
    assert.deepEqual(
      items.map((i) => [i.href.split('#')[1], i.count]),
      [
        ['occasion-o1', 2],
        ['occasion-o4', 1],
      ],
    );
    // The log page shows a month at a time: each link names its occasion's month.
    assert.ok(items.every((i) => i.href.includes('/agreement-log?month=2026-03#')));
    assert.equal(waitingWords('occasion', 'Alex', 2), '2 occasions Alex logged for one agreement, to confirm');
    assert.equal(waitingWords('occasion', 'Alex', 1), 'An occasion Alex logged, to confirm');
  });

  test('the words name the partner and nothing anyone wrote', () => {
    for (const kind of WAITING_KINDS) assert.ok(waitingWords(kind, 'Alex').length > 0);
    assert.equal(waitingWords('agreement', 'Alex'), 'An agreement Alex proposed');
  });
});

// ---- properties ---------------------------------------------------------------------------------

const who = fc.constantFrom(ME, THEM, 'third');
const id = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms).toISOString());
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-12-${String(d).padStart(2, '0')}`);
const facts: fc.Arbitrary<WaitingFacts> = fc.record({
  spaceId: fc.constant(S),
  viewerId: fc.constant(ME),
  viewerRole: fc.constantFrom('partner' as const, 'therapist' as const),
  partnerId: fc.constantFrom(THEM, null, ME),
  today: day,
  checkedInToday: fc.boolean(),
  therapists: fc.array(fc.record({ therapistId: id, joinedAt: instant, consentedByViewer: fc.boolean() }), { maxLength: 2 }),
  reassurance: fc.array(fc.record({ id, askedBy: who, createdAt: instant, answered: fc.boolean() }), { maxLength: 4 }),
  questions: fc.array(
    fc.record({
      id,
      journeyId: id,
      askedBy: who,
      createdAt: instant,
      answered: fc.boolean(),
      deferredUntil: fc.option(day, { nil: null }),
    }),
    { maxLength: 4 },
  ),
  apologies: fc.array(
    fc.record({ id, journeyId: id, authorId: who, deliveredAt: fc.option(instant, { nil: null }), answeredByViewer: fc.boolean() }),
    { maxLength: 4 },
  ),
  agreements: fc.array(
    fc.record({
      id,
      journeyId: fc.option(id, { nil: null }),
      status: fc.constantFrom('proposed' as const, 'active' as const, 'countered' as const, 'withdrawn' as const),
      proposedBy: who,
      proposedAt: instant,
    }),
    { maxLength: 4 },
  ),
  occasions: fc.array(
    fc.record({ id, agreementId: fc.constantFrom('g1', 'g2'), loggedBy: who, occurredOn: day, createdAt: instant, reviewed: fc.boolean() }),
    {
      maxLength: 4,
    },
  ),
  sealedHalves: fc.array(
    fc.record({ journeyId: id, prompt: fc.constantFrom('what_happened', 'trust_looks_like', 'other'), authorId: who, createdAt: instant }),
    { maxLength: 4 },
  ),
});

describe('waitingFor (properties)', () => {
  test('never lists what the viewer started, what a third person started, or anything for a therapist', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const items = waitingFor(f);
        if (f.viewerRole === 'therapist') return items.length === 0;
        // Every item but the check-in points at something the partner started; its id is in the link.
        const mine = new Set<string>([
          ...f.reassurance.filter((r) => r.askedBy !== THEM).map((r) => `#answer-${r.id}`),
          ...f.questions.filter((q) => q.askedBy !== THEM).map((q) => `#question-${q.id}`),
          ...f.occasions.filter((o) => o.loggedBy !== THEM).map((o) => `#occasion-${o.id}`),
        ]);
        const partnerStarted = new Set<string>([
          ...f.reassurance.filter((r) => r.askedBy === THEM).map((r) => `#answer-${r.id}`),
          ...f.questions.filter((q) => q.askedBy === THEM).map((q) => `#question-${q.id}`),
          ...f.occasions.filter((o) => o.loggedBy === THEM).map((o) => `#occasion-${o.id}`),
        ]);
        for (const i of items) {
          const anchor = i.href.slice(i.href.indexOf('#'));
          if (mine.has(anchor) && !partnerStarted.has(anchor)) return false;
        }
        if (f.partnerId !== THEM) return items.every((i) => i.kind === 'checkin' || i.kind === 'therapist');
        return true;
      }),
    );
  });

  test('never carries text: each item is a kind, a site path, an instant and a count, and nothing else', () => {
    fc.assert(
      fc.property(facts, (f) => {
        for (const i of waitingFor(f)) {
          assert.deepEqual(Object.keys(i).sort(), ['count', 'href', 'kind', 'since']);
          assert.ok(Number.isInteger(i.count) && i.count >= 1 && (i.count === 1 || i.kind === 'occasion'));
          assert.ok(WAITING_KINDS.includes(i.kind));
          assert.match(i.href, /^\/(spaces|journeys)\/[a-z0-9]+(\/[a-z0-9/-]+)?(\?month=\d{4}-\d{2})?(#[a-z0-9_-]+)?$/);
          assert.ok(i.since === null || !Number.isNaN(Date.parse(i.since)));
        }
      }),
    );
  });

  test('the occasions waiting add up: one item an agreement, their counts the unreviewed occasions the partner logged', () => {
    fc.assert(
      fc.property(facts, (f) => {
        if (f.viewerRole !== 'partner' || f.partnerId !== THEM) return;
        const waiting = f.occasions.filter((o) => o.loggedBy === THEM && !o.reviewed);
        const items = waitingFor(f).filter((i) => i.kind === 'occasion');
        assert.equal(items.length, new Set(waiting.map((o) => o.agreementId)).size);
        assert.equal(
          items.reduce((n, i) => n + i.count, 0),
          waiting.length,
        );
      }),
    );
  });

  test('the check-in waits exactly when a partner has not checked in today, and comes last', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const items = waitingFor(f);
        const checkins = items.filter((i) => i.kind === 'checkin');
        const expected = f.viewerRole === 'partner' && !f.checkedInToday ? 1 : 0;
        return checkins.length === expected && (expected === 0 || items.at(-1)?.kind === 'checkin');
      }),
    );
  });

  test('a sealed pair waits at most once, and never once the viewer wrote their half', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const halves = waitingFor(f).filter((i) => i.kind === 'sealed_half');
        if (new Set(halves.map((h) => h.href)).size !== halves.length) return false;
        return halves.every(
          (h) =>
            !f.sealedHalves.some(
              (s) => s.authorId === ME && h.href.startsWith(`/journeys/${s.journeyId}/`) && h.href.endsWith(`#${s.prompt}-heading`),
            ),
        );
      }),
    );
  });
});
