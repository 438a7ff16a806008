import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SCREENING_INTERVAL_DAYS, screeningDue } from './schedule.js';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-15T12:00:00Z');

describe('screeningDue', () => {
  test('is due at the start', () => {
    assert.equal(screeningDue(null, now), true);
  });

  test('is not due during the 28 days after a screening', () => {
    assert.equal(SCREENING_INTERVAL_DAYS, 28);
    assert.equal(screeningDue(now, now), false);
    assert.equal(screeningDue(new Date(now.getTime() - 28 * DAY + 1), now), false);
  });

  test('is due from 28 days on', () => {
    assert.equal(screeningDue(new Date(now.getTime() - 28 * DAY), now), true);
    assert.equal(screeningDue(new Date(now.getTime() - 400 * DAY), now), true);
  });

  test('counts elapsed time across a daylight-saving change', () => {
    const last = new Date('2026-10-10T09:00:00+02:00');
    assert.equal(screeningDue(last, new Date(last.getTime() + 28 * DAY)), true);
  });

  test('small clock differences between servers do not ask again at once', () => {
    assert.equal(screeningDue(new Date(now.getTime() + 5000), now), false);
  });

  test('an invalid or far-future timestamp never silences the screening', () => {
    assert.equal(screeningDue(new Date(Number.NaN), now), true);
    assert.equal(screeningDue(new Date(now.getTime() + 365 * DAY), now), true);
  });

  test('property: once due, it stays due as time goes on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 * DAY }), fc.integer({ min: 0, max: 3650 * DAY }), (elapsed, later) => {
        const t = new Date(now.getTime() + elapsed);
        if (screeningDue(now, t)) assert.equal(screeningDue(now, new Date(t.getTime() + later)), true);
      }),
    );
  });
});
