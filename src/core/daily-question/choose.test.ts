import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dayNumber, orderFor, questionOfDay } from './choose.js';
import { PHASES, type DailyItem, type Phase } from './library.js';
import { addDays } from '../time.js';

const items: DailyItem[] = PHASES.flatMap((phase) =>
  Array.from({ length: 40 }, (_, i) => ({
    id: `${phase}-${String(i).padStart(3, '0')}`,
    phase,
    kind: 'question' as const,
    text: `Question ${i} of ${phase}?`,
  })),
);
const arbDay = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const arbPhase = fc.constantFrom<Phase>(...PHASES);

test('days count from 1970 and follow each other', () => {
  assert.equal(dayNumber('1970-01-01'), 0);
  assert.equal(dayNumber('2026-12-07') - dayNumber('2026-12-06'), 1);
  assert.equal(dayNumber('2024-03-01') - dayNumber('2024-02-28'), 2, 'a leap day counts');
});

test('the same space, day and phase always give the same question, from that phase', () => {
  fc.assert(
    fc.property(fc.uuid(), arbDay, arbPhase, (seed, day, phase) => {
      const a = questionOfDay({ seed, day, phase, items });
      const b = questionOfDay({ seed, day, phase, items: [...items].reverse() });
      assert.ok(a && b);
      assert.equal(a.id, b.id, 'the order of the file does not matter');
      assert.equal(a.phase, phase);
    }),
  );
});

test('within one round of the list no question comes twice', () => {
  fc.assert(
    fc.property(fc.uuid(), arbDay, arbPhase, (seed, day, phase) => {
      const n = items.filter((i) => i.phase === phase).length;
      const ids = Array.from({ length: n }, (_, k) => questionOfDay({ seed, day: addDays(day, k), phase, items })!.id);
      assert.equal(new Set(ids).size, n);
    }),
    { numRuns: 50 },
  );
});

test('a question answered recently is passed over, unless every one was', () => {
  fc.assert(
    fc.property(fc.uuid(), arbDay, arbPhase, fc.array(fc.nat(39), { maxLength: 39 }), (seed, day, phase, picks) => {
      const recent = new Set(picks.map((k) => `${phase}-${String(k).padStart(3, '0')}`));
      const chosen = questionOfDay({ seed, day, phase, items, recent })!;
      assert.ok(!recent.has(chosen.id));
    }),
  );
  const all = new Set(items.map((i) => i.id));
  assert.equal(questionOfDay({ seed: 's', day: '2026-01-01', phase: 'early', items, recent: all })?.phase, 'early');
});

test('two spaces walk the list in different orders', () => {
  const a = orderFor('space-a', items, 'early').map((i) => i.id);
  const b = orderFor('space-b', items, 'early').map((i) => i.id);
  assert.notDeepEqual(a, b);
  assert.deepEqual([...a].sort(), [...b].sort());
});

test('a phase with no items has no question', () => {
  assert.equal(questionOfDay({ seed: 's', day: '2026-01-01', phase: 'early', items: [] }), null);
});
