import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  WAITING_EMAIL_BATCH_MS,
  WAITING_EMAIL_SETTLE_MS,
  waitingEmailDue,
  waitingEmailStillWanted,
  type WaitingEmailFacts,
} from './waiting-email.js';
import { quietAtMinute, type QuietHours } from './quiet-hours.js';

const MIN = 60_000;
const T0 = Date.parse('2026-05-05T00:00:00Z'); // a Tuesday, midnight UTC
const iso = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();

const base = (over: Partial<WaitingEmailFacts> = {}): WaitingEmailFacts => ({
  now: new Date(T0 + 12 * 60 * MIN), // noon
  enabled: true,
  quietHours: { start: '22:00', end: '08:00' },
  timezone: 'UTC',
  newestWaiting: iso(11 * 60), // 11:00
  lastSeenAt: iso(10 * 60), // 10:00
  coveredUntil: null,
  lastSentAt: null,
  inFlight: false,
  ...over,
});

test('due: something arrived after the person was last on Mend, and has waited ten minutes', () => {
  assert.deepEqual(waitingEmailDue(base()), { due: true, covers: iso(11 * 60) });
  assert.deepEqual(waitingEmailDue(base({ lastSeenAt: null })), { due: true, covers: iso(11 * 60) }, 'never seen (signed out everywhere)');
});

test('not due, and why', () => {
  const reason = (over: Partial<WaitingEmailFacts>) => {
    const d = waitingEmailDue(base(over));
    return d.due ? 'due' : d.reason;
  };
  assert.equal(reason({ enabled: false }), 'off');
  assert.equal(reason({ newestWaiting: null }), 'nothing_waiting');
  assert.equal(reason({ newestWaiting: iso(12 * 60 - 9) }), 'nothing_waiting', 'arrived nine minutes ago: not yet');
  assert.equal(reason({ newestWaiting: iso(12 * 60 - 10) }), 'due', 'ten minutes ago');
  assert.equal(reason({ lastSeenAt: iso(11 * 60) }), 'seen_since', 'on Mend at the same moment');
  assert.equal(reason({ lastSeenAt: iso(11 * 60 + 30) }), 'seen_since', 'came back after it arrived');
  assert.equal(reason({ coveredUntil: iso(11 * 60) }), 'already_told');
  assert.equal(reason({ inFlight: true }), 'in_flight');
  assert.equal(reason({ lastSentAt: iso(11 * 60 + 1) }), 'within_the_hour');
  assert.equal(reason({ lastSentAt: iso(11 * 60) }), 'due', 'exactly an hour later');
  assert.equal(reason({ now: new Date(T0 + 23 * 60 * MIN) }), 'quiet_hours');
  assert.equal(reason({ now: new Date(T0 + 23 * 60 * MIN), quietHours: null }), 'due');
});

test('a decided email is dropped once the person comes back, reads everything, or turns them off', () => {
  const decidedAt = iso(12 * 60);
  assert.equal(waitingEmailStillWanted({ decidedAt, lastSeenAt: iso(10 * 60), stillUnread: true, enabled: true }), true);
  assert.equal(waitingEmailStillWanted({ decidedAt, lastSeenAt: null, stillUnread: true, enabled: true }), true);
  assert.equal(waitingEmailStillWanted({ decidedAt, lastSeenAt: iso(12 * 60), stillUnread: true, enabled: true }), false);
  assert.equal(waitingEmailStillWanted({ decidedAt, lastSeenAt: iso(10 * 60), stillUnread: false, enabled: true }), false);
  assert.equal(waitingEmailStillWanted({ decidedAt, lastSeenAt: iso(10 * 60), stillUnread: true, enabled: false }), false);
});

/**
 * Two days minute by minute: notifications arrive and the person visits at random moments; every
 * minute the rule is asked (as the loop does) and an email that is due is sent at once.
 */
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const DAY = 24 * 60;
const timeline = fc.record({
  arrivals: fc.uniqueArray(fc.integer({ min: 0, max: 2 * DAY - 1 }), { maxLength: 30 }),
  visits: fc.uniqueArray(fc.integer({ min: 0, max: 2 * DAY - 1 }), { maxLength: 10 }),
  quiet: fc.option(
    fc.tuple(fc.integer({ min: 0, max: DAY - 1 }), fc.integer({ min: 0, max: DAY - 1 })).filter(([s, e]) => s !== e),
    { nil: null },
  ),
});

function simulate(t: { arrivals: number[]; visits: number[]; quiet: [number, number] | null }) {
  const quietHours: QuietHours | null = t.quiet ? { start: hhmm(t.quiet[0]), end: hhmm(t.quiet[1]) } : null;
  const arrivals = new Set(t.arrivals);
  const visits = new Set(t.visits);
  const emails: Array<{ at: number; covers: number }> = [];
  let lastSeen: number | null = null;
  let coveredUntil: number | null = null;
  const unread: number[] = [];
  for (let m = 0; m < 2 * DAY; m++) {
    if (arrivals.has(m)) unread.push(m);
    if (visits.has(m)) lastSeen = m;
    const settled = unread.filter((a) => a <= m - WAITING_EMAIL_SETTLE_MS / MIN);
    const d = waitingEmailDue({
      now: new Date(T0 + m * MIN),
      enabled: true,
      quietHours,
      timezone: 'UTC',
      newestWaiting: settled.length ? iso(Math.max(...settled)) : null,
      lastSeenAt: lastSeen === null ? null : iso(lastSeen),
      coveredUntil: coveredUntil === null ? null : iso(coveredUntil),
      lastSentAt: emails.length ? iso(emails.at(-1)!.at) : null,
      inFlight: false,
    });
    if (d.due) {
      const covers = (Date.parse(d.covers) - T0) / MIN;
      emails.push({ at: m, covers });
      coveredUntil = covers;
    }
  }
  return { emails, quietHours, lastSeenAt: (m: number) => t.visits.filter((v) => v <= m) };
}

test('property: at most one email an hour, none in quiet hours, each about something unseen and untold', () => {
  fc.assert(
    fc.property(timeline, (t) => {
      const { emails, quietHours, lastSeenAt } = simulate(t);
      emails.forEach((e, i) => {
        if (i > 0) assert.ok(e.at - emails[i - 1]!.at >= WAITING_EMAIL_BATCH_MS / MIN, 'an hour apart');
        if (quietHours) assert.ok(!quietAtMinute(quietHours, e.at % DAY), 'not in quiet hours');
        assert.ok(t.arrivals.includes(e.covers) && e.covers <= e.at - WAITING_EMAIL_SETTLE_MS / MIN, 'about a settled arrival');
        assert.ok(
          lastSeenAt(e.at).every((v) => v < e.covers),
          'which arrived after the last visit',
        );
        if (i > 0) assert.ok(e.covers > emails[i - 1]!.covers, 'and was in no earlier email');
      });
    }),
    { numRuns: 60 },
  );
});

test('property: whatever arrives while the person stays away is told, within its quiet hours, an hour and ten minutes', () => {
  fc.assert(
    fc.property(timeline, (t) => {
      const { emails, quietHours } = simulate(t);
      const quietLength = quietHours ? (t.quiet![1] - t.quiet![0] + DAY) % DAY : 0;
      const bound = WAITING_EMAIL_SETTLE_MS / MIN + WAITING_EMAIL_BATCH_MS / MIN + quietLength + 1;
      for (const a of t.arrivals) {
        if (t.visits.some((v) => v >= a)) continue; // seen, or may have been
        if (a + bound >= 2 * DAY) continue; // the simulation ends too soon to tell
        assert.ok(
          emails.some((e) => e.covers >= a && e.at <= a + bound),
          `arrival at ${a} told by ${a + bound}: ${JSON.stringify(emails)}`,
        );
      }
    }),
    { numRuns: 60 },
  );
});
