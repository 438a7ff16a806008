import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SpaceView } from '../spaces/index.js';
import type { Progress } from './service.js';
import { ProgressCache } from './progress-cache.js';

const view = {} as SpaceView;
const progress = (today: string) => ({ today }) as Progress;
const key = (viewerId: string, today = '2026-03-02') => ProgressCache.key({ spaceId: 's1', viewerId, role: 'partner', today });

test('an entry is served only at the revision it was computed at', () => {
  const cache = new ProgressCache(10);
  cache.set(key('a'), { revision: 3, view, progress: progress('x'), derived: new Map() });
  assert.equal(cache.get(key('a'), 3)?.progress.today, 'x');
  assert.equal(cache.get(key('a'), 4), undefined);
  assert.equal(cache.get(key('a'), 2), undefined);
});

test('keys differ per viewer, role and day', () => {
  const base = { spaceId: 's1', viewerId: 'a', role: 'partner', today: '2026-03-02' };
  const keys = new Set([
    ProgressCache.key(base),
    ProgressCache.key({ ...base, viewerId: 'b' }),
    ProgressCache.key({ ...base, role: 'therapist' }),
    ProgressCache.key({ ...base, today: '2026-03-03' }),
    ProgressCache.key({ ...base, spaceId: 's2' }),
    // No separator trick makes two different viewers collide.
    ProgressCache.key({ ...base, spaceId: 's1","a', viewerId: '' }),
  ]);
  assert.equal(keys.size, 6);
});

test('a slower, older computation does not replace a newer one', () => {
  const cache = new ProgressCache(10);
  cache.set(key('a'), { revision: 5, view, progress: progress('new'), derived: new Map() });
  cache.set(key('a'), { revision: 4, view, progress: progress('old'), derived: new Map() });
  assert.equal(cache.get(key('a'), 5)?.progress.today, 'new');
});

test('bounded: the least recently used entry goes first', () => {
  const cache = new ProgressCache(2);
  cache.set(key('a'), { revision: 1, view, progress: progress('a'), derived: new Map() });
  cache.set(key('b'), { revision: 1, view, progress: progress('b'), derived: new Map() });
  cache.get(key('a'), 1);
  cache.set(key('c'), { revision: 1, view, progress: progress('c'), derived: new Map() });
  assert.equal(cache.size, 2);
  assert.ok(cache.get(key('a'), 1));
  assert.equal(cache.get(key('b'), 1), undefined);
});

test('requests at the same time for one key and revision compute once; a failure is not kept', async () => {
  const cache = new ProgressCache(10);
  let computed = 0;
  const compute = async () => {
    computed++;
    await new Promise((r) => setImmediate(r));
    return { view, progress: progress('p') };
  };
  const results = await Promise.all([1, 2, 3].map(() => cache.getOrCompute(key('a'), 7, compute)));
  assert.equal(computed, 1);
  assert.ok(results.every((r) => r === results[0]));
  await cache.getOrCompute(key('a'), 8, compute);
  assert.equal(computed, 2, 'a new revision computes again');

  await assert.rejects(cache.getOrCompute(key('b'), 1, async () => Promise.reject(new Error('database went away'))));
  assert.equal(cache.get(key('b'), 1), undefined);
  assert.equal((await cache.getOrCompute(key('b'), 1, compute)).progress.today, 'p');
});
