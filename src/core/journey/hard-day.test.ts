import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hardDayJourney, isHardCheckin } from './hard-day.js';

describe('isHardCheckin', () => {
  test('a day marked hard, or safety at 3 or below', () => {
    assert.equal(isHardCheckin({ day: 'hard', safety: 9 }), true);
    assert.equal(isHardCheckin({ day: null, safety: 3 }), true);
    assert.equal(isHardCheckin({ day: 'good', safety: 0 }), true);
    assert.equal(isHardCheckin({ day: 'mixed', safety: 4 }), false);
    assert.equal(isHardCheckin({ day: null, safety: 10 }), false);
  });

  test('property: lowering safety never turns a hard check-in into an easy one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('good', 'mixed', 'hard', null),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (day, a, b) => {
          if (isHardCheckin({ day, safety: Math.max(a, b) })) assert.equal(isHardCheckin({ day, safety: Math.min(a, b) }), true);
        },
      ),
    );
  });
});

describe('hardDayJourney', () => {
  test('the newest open journey, else the newest, else none', () => {
    const old = { id: 'old', openedAt: '2026-01-01T00:00:00Z', closedAt: null };
    const closed = { id: 'closed', openedAt: '2026-06-01T00:00:00Z', closedAt: '2026-07-01T00:00:00Z' };
    const recent = { id: 'recent', openedAt: '2026-03-01T00:00:00Z', closedAt: null };
    assert.equal(hardDayJourney([old, closed, recent]), 'recent');
    assert.equal(hardDayJourney([closed, old]), 'old');
    assert.equal(hardDayJourney([closed]), 'closed');
    assert.equal(hardDayJourney([]), null);
  });
});
