import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { phaseOf, phaseOfReach, reachOf, type JourneyReach } from './phase.js';
import { PHASES } from './library.js';

const journey = (reach: number, closed = false): JourneyReach => ({
  closed,
  steps: [1, 2, 3, 4, 5, 6, 7].map((number) => ({ number, status: number < reach ? 'done' : number === reach ? 'open' : 'locked' })),
});

test('steps 1–2 are early, 3–5 rebuilding, 6–7 reconnecting', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(phaseOfReach), [
    'early',
    'early',
    'rebuilding',
    'rebuilding',
    'rebuilding',
    'reconnecting',
    'reconnecting',
  ]);
  assert.equal(reachOf(journey(4)), 4);
});

test('no journey is early; only finished journeys reconnect', () => {
  assert.equal(phaseOf([]), 'early');
  assert.equal(phaseOf([journey(7, true)]), 'reconnecting');
  assert.equal(phaseOf([journey(1, true)]), 'reconnecting');
});

test('the gentlest journey under way decides', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }), (reaches) => {
      const phase = phaseOf(reaches.map((r) => journey(r)));
      assert.equal(phase, phaseOfReach(Math.min(...reaches)));
      // A new journey at step 1 always makes the questions early again.
      assert.equal(phaseOf([...reaches.map((r) => journey(r)), journey(1)]), 'early');
      assert.ok(PHASES.includes(phase));
    }),
  );
});
