import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import fc from 'fast-check';
import { WriteTurns } from './write-turns.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('a write starts at once while its turn has room; the rest start in later turns, in arrival order', async () => {
  const turns = new WriteTurns(3);
  const started: number[] = [];
  for (let i = 0; i < 8; i++) turns.enter(() => started.push(i));
  assert.deepEqual(started, [0, 1, 2]);
  assert.equal(turns.queued, 5);
  await nextTurn();
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5]);
  await nextTurn();
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(turns.queued, 0);
});

test('a write that arrives while others wait never overtakes them, even when its turn has room', async () => {
  const turns = new WriteTurns(2);
  const started: number[] = [];
  for (let i = 0; i < 3; i++) turns.enter(() => started.push(i));
  await nextTurn(); // 2 starts in the new turn, which now has one place left
  turns.enter(() => started.push(3));
  assert.deepEqual(started, [0, 1, 2, 3]);
  turns.enter(() => started.push(4));
  assert.deepEqual(started, [0, 1, 2, 3]);
  await nextTurn();
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
});

test('a waiting write starts in its own request’s context, not in the turn’s', async () => {
  const turns = new WriteTurns(1);
  const request = new AsyncLocalStorage<string>();
  const seen: Array<string | undefined> = [];
  for (const who of ['a', 'b', 'c']) request.run(who, () => turns.enter(() => seen.push(request.getStore())));
  await nextTurn();
  await nextTurn();
  assert.deepEqual(seen, ['a', 'b', 'c']);
});

test('every write starts exactly once, in arrival order, however the arrivals fall across turns', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 5 }),
      fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 8 }),
      async (perTurn, waves) => {
        const turns = new WriteTurns(perTurn);
        const started: number[] = [];
        let n = 0;
        for (const wave of waves) {
          const before = started.length;
          for (let i = 0; i < wave; i++) {
            const id = n++;
            turns.enter(() => started.push(id));
          }
          assert.ok(started.length - before <= perTurn);
          await nextTurn();
        }
        while (turns.queued > 0) await nextTurn();
        assert.deepEqual(
          started,
          Array.from({ length: n }, (_, i) => i),
        );
      },
    ),
    { numRuns: 100 },
  );
});
