import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EMAIL_MAX_ATTEMPTS, nextAttemptAt, retryDelayMs } from './retry.js';

const MIN = 60_000;

test('retries wait 1, 2, 4, 8, 16, 32 minutes, then an hour, and stop after the last try', () => {
  assert.deepEqual(
    Array.from({ length: 9 }, (_, i) => retryDelayMs(i + 1) / MIN),
    [1, 2, 4, 8, 16, 32, 60, 60, 60],
  );
  const now = new Date('2026-05-05T10:00:00Z');
  assert.equal(nextAttemptAt(now, 1)?.toISOString(), '2026-05-05T10:01:00.000Z');
  assert.equal(nextAttemptAt(now, EMAIL_MAX_ATTEMPTS - 1)?.toISOString(), '2026-05-05T11:00:00.000Z');
  assert.equal(nextAttemptAt(now, EMAIL_MAX_ATTEMPTS), null);
});

test('property: the wait never shrinks, is between a minute and an hour, and all of them end within five hours', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1000 }), (n) => {
      const d = retryDelayMs(n);
      return d >= MIN && d <= 60 * MIN && retryDelayMs(n + 1) >= d;
    }),
  );
  let total = 0;
  for (let n = 1; n < EMAIL_MAX_ATTEMPTS; n++) total += retryDelayMs(n);
  assert.ok(total <= 5 * 60 * MIN, `${total / MIN} minutes`);
});

test('property: a next try is always later than now, until the attempts run out', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 50 }), (ms, failed) => {
      const next = nextAttemptAt(new Date(ms), failed);
      return failed >= EMAIL_MAX_ATTEMPTS ? next === null : next !== null && next.getTime() > ms;
    }),
  );
});
