import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { outcomeOf, type AgreementLogFact } from './consistency.js';
import { addDays, dateFromDayNumber, dayNumber } from './dates.js';
import { milestoneLines, milestones, milestoneWho, MILESTONE_TITLES, settleMilestones, type MilestoneFacts } from './milestones.js';

const TODAY = '2025-04-30';
const none: MilestoneFacts = { checkins: [], agreementsAcceptedOn: [], agreementLog: [], meetingDates: [], reassuranceAnsweredOn: [] };
const days = (from: string, n: number, step = 1) => Array.from({ length: n }, (_, i) => addDays(from, i * step));
const kept = (occurredOn: string, ok = true): AgreementLogFact => ({ occurredOn, kept: ok, reportedBy: 'self', status: 'confirmed' });
const find = (facts: MilestoneFacts, key: string, partnerId?: string) =>
  milestones(facts, TODAY).find((m) => m.key === key && m.partnerId === partnerId);

test('no facts, no milestones; every milestone has warm words', () => {
  assert.deepEqual(milestones(none, TODAY), []);
  for (const title of Object.values(MILESTONE_TITLES)) assert.ok(title.length > 10);
});

test('check-in milestones per partner: first, a 7-day streak, thirty, and a day together', () => {
  const a = [...days('2025-03-01', 3), ...days('2025-03-05', 8)].map((date) => ({ partnerId: 'a', date }));
  const b = days('2025-03-10', 30, 1).map((date) => ({ partnerId: 'b', date }));
  const facts = { ...none, checkins: [...a, ...b] };
  assert.equal(find(facts, 'first_checkin', 'a')?.achievedOn, '2025-03-01');
  assert.equal(find(facts, 'checkin_streak_7', 'a')?.achievedOn, '2025-03-11');
  assert.equal(find(facts, 'checkins_30', 'a'), undefined);
  assert.equal(find(facts, 'checkins_30', 'b')?.achievedOn, '2025-04-08');
  assert.equal(find(facts, 'checked_in_together')?.achievedOn, '2025-03-10');
});

test('journey and agreement milestones come from their dates; future facts do not count yet', () => {
  const facts: MilestoneFacts = {
    ...none,
    apologyDeliveredOn: '2025-02-01',
    apologyAnsweredOn: '2025-02-03',
    bothAcknowledgedOn: '2025-01-20',
    agreementsAcceptedOn: ['2025-02-10', '2025-02-05'],
    meetingDates: ['2025-02-07', '2025-02-14', '2025-02-21', '2025-02-28', '2025-05-02'],
    reassuranceAnsweredOn: ['2025-06-01'],
  };
  const got = milestones(facts, TODAY).map((m) => [m.key, m.achievedOn]);
  assert.deepEqual(got, [
    ['trust_acknowledged', '2025-01-20'],
    ['apology_delivered', '2025-02-01'],
    ['apology_answered', '2025-02-03'],
    ['first_agreement', '2025-02-05'],
    ['first_meeting', '2025-02-07'],
    ['four_meetings', '2025-02-28'],
  ]);
});

test('two weeks with every agreement kept: both weeks logged, nothing missed', () => {
  const log = [...days('2025-03-01', 10).map((d) => kept(d)), kept('2025-03-11', false), ...days('2025-03-12', 20).map((d) => kept(d))];
  assert.equal(find({ ...none, agreementLog: log }, 'two_weeks_kept')?.achievedOn, '2025-03-25');
  // Only one week of logging so far: not yet.
  assert.equal(find({ ...none, agreementLog: days('2025-04-24', 7).map((d) => kept(d)) }, 'two_weeks_kept'), undefined);
  // A disputed "kept" counts as the other partner saw it: missed.
  const disputed = [...days('2025-03-01', 14).map((d) => kept(d)), { ...kept('2025-03-07'), status: 'disputed' as const }];
  assert.equal(find({ ...none, agreementLog: disputed }, 'two_weeks_kept'), undefined);
});

test('property: no milestone is dated after today, and each key appears once per partner', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ partnerId: fc.constantFrom('a', 'b'), date: fc.integer({ min: -100, max: 30 }).map((n) => addDays(TODAY, n)) })),
      fc.array(fc.integer({ min: -100, max: 30 }).map((n) => addDays(TODAY, n))),
      (checkins, meetingDates) => {
        const ms = milestones({ ...none, checkins, meetingDates }, TODAY);
        assert.ok(ms.every((m) => m.achievedOn <= TODAY));
        const keys = ms.map((m) => `${m.key}/${m.partnerId ?? ''}`);
        assert.equal(new Set(keys).size, keys.length);
      },
    ),
  );
});

test('a win both partners reached is one line, its title said once, with who and when', () => {
  const facts = {
    ...none,
    checkins: [
      { partnerId: 'a', date: '2025-03-01' },
      { partnerId: 'b', date: '2025-03-01' },
      { partnerId: 'b', date: '2025-03-04' },
    ],
    meetingDates: ['2025-03-02'],
  };
  const lines = milestoneLines(milestones(facts, TODAY));
  assert.deepEqual(
    lines.map((l) => l.key),
    ['first_checkin', 'checked_in_together', 'first_meeting'],
  );
  const nameOf = (id: string) => (id === 'a' ? 'you' : 'Sam');
  const day = (d: string) => d.slice(5);
  assert.equal(lines.filter((l) => l.title === MILESTONE_TITLES.first_checkin).length, 1, 'said once');
  assert.equal(milestoneWho(lines[0]!, nameOf, day), '— you and Sam (03-01)');
  assert.equal(milestoneWho(lines[0]!, nameOf, day, 'b'), '— Sam and you (03-01)', 'the reader first');
  assert.equal(milestoneWho(lines[2]!, nameOf, day), '(03-02)', 'the couple’s own: just the day');
  const apart = milestoneLines(
    milestones(
      {
        ...none,
        checkins: [
          { partnerId: 'b', date: '2025-03-05' },
          { partnerId: 'a', date: '2025-03-01' },
        ],
      },
      TODAY,
    ),
  );
  assert.equal(apart.length, 1);
  assert.equal(apart[0]!.latestOn, '2025-03-05');
  assert.equal(milestoneWho(apart[0]!, nameOf, day), '— you (03-01), Sam (03-05)');
});

test('lines keep every milestone: each is in exactly one line, under its own key', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ partnerId: fc.constantFrom('a', 'b'), date: fc.integer({ min: 0, max: 60 }).map((n) => addDays('2025-03-01', n)) }),
        {
          maxLength: 40,
        },
      ),
      (checkins) => {
        const list = milestones({ ...none, checkins }, TODAY);
        const lines = milestoneLines(list);
        assert.equal(new Set(lines.map((l) => l.key)).size, lines.length);
        assert.equal(
          lines.reduce((n, l) => n + l.by.length, 0),
          list.length,
        );
      },
    ),
  );
});

/** The fortnight rule as first written (quadratic): the oracle the linear version must match. */
function twoWeeksKeptByWindows(log: readonly AgreementLogFact[], today: string): string | undefined {
  const days = log.filter((e) => e.occurredOn <= today).map((e) => ({ day: dayNumber(e.occurredOn), kept: outcomeOf(e).kept }));
  if (days.length === 0) return undefined;
  const first = Math.min(...days.map((d) => d.day));
  for (let end = first + 13; end <= dayNumber(today); end++) {
    const inWindow = days.filter((d) => d.day > end - 14 && d.day <= end);
    const firstWeek = inWindow.some((d) => d.day <= end - 7);
    const secondWeek = inWindow.some((d) => d.day > end - 7);
    if (firstWeek && secondWeek && inWindow.every((d) => d.kept)) return dateFromDayNumber(end);
  }
  return undefined;
}

test('two weeks kept: the running-count version finds the day the window-by-window rule finds', () => {
  const entry = fc.record({
    occurredOn: fc.integer({ min: -80, max: 10 }).map((n) => addDays(TODAY, n)),
    kept: fc.boolean(),
    reportedBy: fc.constantFrom('self' as const, 'partner' as const),
    status: fc.constantFrom('unconfirmed' as const, 'confirmed' as const, 'disputed' as const),
  });
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 60 }), fc.integer({ min: 0, max: 9 }), (log, kept) => {
      // Mostly kept, so the milestone is often reached and its day matters.
      const mostlyKept = log.map((e, i) => (i % 10 < kept ? { ...e, kept: true, status: 'confirmed' as const } : e));
      const found = milestones(
        { checkins: [], agreementsAcceptedOn: [], agreementLog: mostlyKept, meetingDates: [], reassuranceAnsweredOn: [] },
        TODAY,
      );
      assert.equal(found.find((m) => m.key === 'two_weeks_kept')?.achievedOn, twoWeeksKeptByWindows(mostlyKept, TODAY));
    }),
    { numRuns: 500 },
  );
});

test('counted on from settled days, milestones are exactly those of the whole history at once (issue #24)', () => {
  const entry = fc.record({
    occurredOn: fc.integer({ min: -80, max: 10 }).map((n) => addDays(TODAY, n)),
    kept: fc.boolean(),
    reportedBy: fc.constantFrom('self' as const, 'partner' as const),
    status: fc.constantFrom('unconfirmed' as const, 'confirmed' as const, 'disputed' as const),
  });
  const checkin = fc.record({
    partnerId: fc.constantFrom('a', 'b'),
    date: fc.integer({ min: -80, max: 10 }).map((n) => addDays(TODAY, n)),
  });
  fc.assert(
    fc.property(
      fc.array(checkin, { maxLength: 120 }),
      fc.array(entry, { maxLength: 60 }),
      fc.integer({ min: 0, max: 9 }),
      fc.integer({ min: -82, max: 1 }),
      (raw, log, keptShare, cut) => {
        // As progress reads them: check-ins in day order, one per partner and day; the log in day order.
        const seen = new Set<string>();
        const checkins = [...raw]
          .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
          .filter((c) => !seen.has(`${c.partnerId}${c.date}`) && seen.add(`${c.partnerId}${c.date}`));
        const agreementLog = log
          .map((e, i) => (i % 10 < keptShare ? { ...e, kept: true, status: 'confirmed' as const } : e))
          .sort((x, y) => (x.occurredOn < y.occurredOn ? -1 : x.occurredOn > y.occurredOn ? 1 : 0));
        const before = addDays(TODAY, cut);
        const whole = milestones({ ...none, checkins, agreementLog }, TODAY);
        const settled = settleMilestones(
          { checkins: checkins.filter((c) => c.date < before), agreementLog: agreementLog.filter((e) => e.occurredOn < before) },
          before,
          TODAY,
        );
        const counted = milestones(
          {
            ...none,
            checkins: checkins.filter((c) => c.date >= before),
            agreementLog: agreementLog.filter((e) => e.occurredOn >= before),
            settled,
          },
          TODAY,
        );
        assert.deepEqual(counted, whole);
      },
    ),
    { numRuns: 500 },
  );
});
