import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BREACH_KINDS } from './breach-kind.js';
import { addDays } from '../time.js';
import {
  cameOutProblem,
  dayOrMonthFromParts,
  firstDayOf,
  isDayOrMonth,
  journeyTimeline,
  occurredProblem,
  rangeWords,
  spanWords,
  timelineWords,
} from './journey-clock.js';

const TODAY = '2026-12-06';

describe('where the time in a journey counts from', () => {
  test('from when it came out, else when it was recorded — never from when it happened (began)', () => {
    const recorded = { cameOutOn: null, recordedOn: '2026-12-01' };
    assert.equal(journeyTimeline(recorded, TODAY, 'lying').countsFrom, 'recorded');
    assert.equal(journeyTimeline(recorded, TODAY, 'lying').elapsedDays, 5);
    const cameOut = { ...recorded, cameOutOn: '2026-09' };
    const t = journeyTimeline(cameOut, TODAY, 'infidelity');
    assert.equal(t.countsFrom, 'came_out');
    assert.equal(t.since, '2026-09-01', 'a month alone counts from its first day');
    assert.equal(t.sinceMonthOnly, true);
    assert.equal(t.elapsedDays, 96);
    assert.equal(t.position, 'before_range');
  });

  test('the issue’s case in words: months since it came out, early in the usual range', () => {
    const t = journeyTimeline({ cameOutOn: '2026-08-01', recordedOn: '2026-12-06' }, TODAY, 'infidelity');
    assert.deepEqual(timelineWords(t, 'infidelity'), {
      elapsed: '4 months since it came out.',
      range: 'After an affair, many couples take 1 to 3 years; you are early in that.',
    });
    const today = journeyTimeline({ cameOutOn: null, recordedOn: TODAY }, TODAY, 'lying');
    assert.equal(timelineWords(today, 'lying').elapsed, 'It was recorded in Mend today.');
    const within = journeyTimeline({ cameOutOn: '2026-04-06', recordedOn: TODAY }, TODAY, 'broken_promise');
    assert.equal(
      timelineWords(within, 'broken_promise').range,
      'After a broken promise, many couples take 1 to 6 months; you are past it, and that says nothing bad about you: every couple’s pace is their own.',
    );
    const inside = journeyTimeline({ cameOutOn: '2026-03-01', recordedOn: TODAY }, TODAY, 'lying');
    assert.match(timelineWords(inside, 'lying').range, /3 months to a year; you are within that time\.$/);
  });

  test('to the couple’s therapist it speaks of them, not to them', () => {
    const early = journeyTimeline({ cameOutOn: '2026-08-01', recordedOn: TODAY }, TODAY, 'infidelity');
    assert.equal(
      timelineWords(early, 'infidelity', 'therapist').range,
      'After an affair, many couples take 1 to 3 years; they are early in that.',
    );
    const past = journeyTimeline({ cameOutOn: '2025-01-01', recordedOn: TODAY }, TODAY, 'broken_promise');
    assert.equal(
      timelineWords(past, 'broken_promise', 'therapist').range,
      'After a broken promise, many couples take 1 to 6 months; they are past it, and that says nothing bad about them: every couple’s pace is their own.',
    );
  });

  test('spans and ranges in plain words', () => {
    assert.equal(spanWords({ elapsedDays: 1, elapsedWeeks: 0 }), '1 day');
    assert.equal(spanWords({ elapsedDays: 13, elapsedWeeks: 1 }), '13 days');
    assert.equal(spanWords({ elapsedDays: 20, elapsedWeeks: 2 }), '2 weeks');
    assert.equal(spanWords({ elapsedDays: 70, elapsedWeeks: 10 }), '2 months');
    assert.equal(spanWords({ elapsedDays: 731, elapsedWeeks: 104 }), '2 years');
    assert.equal(spanWords({ elapsedDays: 830, elapsedWeeks: 118 }), '2 years and 3 months');
    assert.equal(rangeWords(12, 36), '1 to 3 years');
    assert.equal(rangeWords(3, 12), '3 months to a year');
    assert.equal(rangeWords(6, 18), '6 to 18 months');
    assert.equal(rangeWords(1, 6), '1 to 6 months');
  });

  test('a date that came out: real, not in the future, not absurdly old, not before it happened', () => {
    assert.equal(cameOutProblem('2026-09', TODAY, null), null);
    assert.equal(cameOutProblem('2026-12', TODAY, null), null, 'this month');
    assert.equal(cameOutProblem(TODAY, TODAY, null), null);
    assert.equal(cameOutProblem('2026-12-07', TODAY, null), 'in_the_future');
    assert.equal(cameOutProblem('2027-01', TODAY, null), 'in_the_future');
    assert.equal(cameOutProblem('2026-13', TODAY, null), 'invalid');
    assert.equal(cameOutProblem('2026-02-30', TODAY, null), 'invalid');
    assert.equal(cameOutProblem('September', TODAY, null), 'invalid');
    assert.equal(cameOutProblem('1900-01', TODAY, null), 'too_old');
    assert.equal(cameOutProblem('1966-01', TODAY, null), null);
    assert.equal(cameOutProblem('2026-05', TODAY, '2026-06-10'), 'before_it_happened');
    assert.equal(cameOutProblem('2026-06', TODAY, '2026-06-10'), null, 'the same month is fine');
    assert.equal(cameOutProblem('2026-06-09', TODAY, '2026-06-10'), 'before_it_happened');
    assert.equal(occurredProblem('2026-12-07', TODAY), 'in_the_future');
    assert.equal(occurredProblem('1901-01-01', TODAY), 'too_old');
    assert.equal(occurredProblem('2026-06', TODAY), 'invalid');
  });

  test('the form’s three boxes', () => {
    assert.deepEqual(dayOrMonthFromParts({ year: '', month: '', day: '' }), { value: null });
    assert.deepEqual(dayOrMonthFromParts({ year: '2026', month: '9', day: '' }), { value: '2026-09' });
    assert.deepEqual(dayOrMonthFromParts({ year: ' 2026', month: '09', day: '3 ' }), { value: '2026-09-03' });
    assert.deepEqual(dayOrMonthFromParts({ year: '2026', month: '', day: '3' }), { problem: 'incomplete' });
    assert.deepEqual(dayOrMonthFromParts({ year: '', month: '9', day: '' }), { problem: 'incomplete' });
    assert.deepEqual(dayOrMonthFromParts({ year: '2026', month: '2', day: '31' }), { problem: 'invalid' });
    assert.deepEqual(dayOrMonthFromParts({ year: '26', month: '2', day: '' }), { problem: 'invalid' });
    assert.deepEqual(dayOrMonthFromParts({ year: '2026', month: '2x', day: '' }), { problem: 'invalid' });
  });

  const day = fc.integer({ min: 0, max: 40 * 366 }).map((n) => addDays('1990-01-01', n));

  test('property: elapsed time never goes backwards and the band stays on its scale', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BREACH_KINDS), day, fc.nat(4000), fc.nat(4000), (kind, since, d1, d2) => {
        const [x, y] = [Math.min(d1, d2), Math.max(d1, d2)];
        const dates = { cameOutOn: since, recordedOn: since };
        const a = journeyTimeline(dates, addDays(since, x), kind);
        const b = journeyTimeline(dates, addDays(since, y), kind);
        assert.equal(a.elapsedDays, x);
        assert.ok(a.elapsedDays <= b.elapsedDays);
        for (const t of [a, b]) {
          const { low, high, now } = t.band;
          for (const v of [low, high, now]) assert.ok(v >= 0 && v <= 1);
          assert.ok(low < high, 'the usual range is always drawn with a width');
          // Where "now" is drawn agrees with the words.
          if (t.position === 'before_range') assert.ok(now <= low);
          if (t.position === 'within_range') assert.ok(now >= low - 1e-9 && now <= high + 1e-9);
          if (t.position === 'beyond_range') assert.ok(now >= high);
          const words = timelineWords(t, kind);
          assert.match(words.elapsed, /\.$/);
          assert.ok(!/NaN|undefined|-\d/.test(words.elapsed + words.range));
        }
      }),
    );
  });

  test('property: the date counted from is the came-out date, else the recorded one', () => {
    const maybe = fc.option(day, { nil: null });
    fc.assert(
      fc.property(maybe, day, (cameOutOn, recordedOn) => {
        const t = journeyTimeline({ cameOutOn, recordedOn }, '2031-01-01', 'other');
        assert.equal(t.since, cameOutOn ?? recordedOn);
        assert.equal(t.countsFrom, cameOutOn !== null ? 'came_out' : 'recorded');
      }),
    );
  });

  test('property: a date or month accepted on a day is real, not after that day and counts from no later than it', () => {
    fc.assert(
      fc.property(day, day, fc.boolean(), (value, today, monthOnly) => {
        const v = monthOnly ? value.slice(0, 7) : value;
        assert.ok(isDayOrMonth(v));
        const problem = cameOutProblem(v, today, null);
        if (problem === null) assert.ok(firstDayOf(v) <= today);
        else assert.ok(problem === 'in_the_future' || problem === 'too_old');
      }),
    );
  });
});
