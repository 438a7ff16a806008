import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays } from './dates.js';
import { extendSettled, settledRead, wholeHistory, type Settled } from './settled-history.js';

/**
 * A model of what migration 0026 and features/progress/settled-history.ts do together: a history of
 * dated items changed by writes over several days, a counter raised by every write to a day before
 * the database's cut-off (three days back at the write's time), and a kept settled part read up to
 * the app's cut-off (four days back). Whatever the writes and their order — back-dated, deletions,
 * changes, days passing — the kept part plus a fresh read of the newer days is the whole history.
 */
interface Item {
  date: string;
  id: number;
  value: number;
}

const START = '2026-01-10';
const byDay = (a: Item, b: Item) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id);

type Step =
  | { kind: 'put'; day: number; id: number; value: number }
  | { kind: 'delete'; id: number }
  | { kind: 'move'; id: number; day: number }
  | { kind: 'nextDay' }
  | { kind: 'view' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('put' as const),
    day: fc.integer({ min: -30, max: 2 }),
    id: fc.integer({ min: 0, max: 40 }),
    value: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('move' as const), id: fc.integer({ min: 0, max: 40 }), day: fc.integer({ min: -30, max: 2 }) }),
  fc.constant({ kind: 'nextDay' as const }),
  fc.constant({ kind: 'view' as const }),
  fc.constant({ kind: 'view' as const }),
);

test('kept settled days plus a fresh read of the newer ones equal one read of everything, for any writes in any order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ day: fc.integer({ min: -60, max: 0 }), value: fc.integer({ min: 0, max: 10 }) }), { maxLength: 40 }),
      fc.array(step, { maxLength: 80 }),
      (initial, steps) => {
        let today = START;
        const rows = new Map<number, Item>();
        initial.forEach((r, id) => rows.set(id, { id, date: addDays(START, r.day), value: r.value }));
        let revision = 1;
        const cutoff = () => addDays(today, -3);
        const touch = (date: string | undefined) => {
          if (date !== undefined && date < cutoff()) revision++;
        };
        let kept: Settled<Item> | undefined;
        const read = (from: string | undefined, before: string | undefined) =>
          [...rows.values()].filter((r) => (from === undefined || r.date >= from) && (before === undefined || r.date < before)).sort(byDay);
        for (const s of steps) {
          if (s.kind === 'nextDay') today = addDays(today, 1);
          else if (s.kind === 'put') {
            const date = addDays(today, s.day);
            touch(rows.get(s.id)?.date);
            touch(date);
            rows.set(s.id, { id: s.id, date, value: s.value });
          } else if (s.kind === 'delete') {
            touch(rows.get(s.id)?.date);
            rows.delete(s.id);
          } else if (s.kind === 'move') {
            const row = rows.get(s.id);
            if (!row) continue;
            touch(row.date);
            const date = addDays(today, s.day);
            touch(date);
            rows.set(s.id, { ...row, date });
          } else {
            const before = addDays(today, -4);
            const need = settledRead(kept, revision, before);
            if (need.kind === 'all') kept = { revision, before, items: read(undefined, before) };
            else if (need.kind === 'extend') kept = extendSettled(kept!, before, read(need.from, before));
            assert.deepEqual(wholeHistory(kept!, read(before, undefined)), read(undefined, undefined));
          }
        }
      },
    ),
    { numRuns: 500 },
  );
});

test('an item of a settled day among the newer ones is refused', () => {
  const settled: Settled<{ date: string }> = { revision: 1, before: '2026-01-05', items: [{ date: '2026-01-01' }] };
  assert.throws(() => wholeHistory(settled, [{ date: '2026-01-04' }]), RangeError);
  assert.deepEqual(wholeHistory(settled, [{ date: '2026-01-05' }]), [{ date: '2026-01-01' }, { date: '2026-01-05' }]);
});

test('what to read: everything when nothing is kept, the counter moved or the cut-off went back; the new days when it moved on', () => {
  const kept: Settled<{ date: string }> = { revision: 3, before: '2026-01-05', items: [] };
  assert.deepEqual(settledRead(undefined, 3, '2026-01-05'), { kind: 'all' });
  assert.deepEqual(settledRead(kept, 4, '2026-01-05'), { kind: 'all' });
  assert.deepEqual(settledRead(kept, 3, '2026-01-04'), { kind: 'all' });
  assert.deepEqual(settledRead(kept, 3, '2026-01-05'), { kind: 'current' });
  assert.deepEqual(settledRead(kept, 3, '2026-01-07'), { kind: 'extend', from: '2026-01-05' });
});
