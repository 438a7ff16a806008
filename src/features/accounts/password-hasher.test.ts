import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PasswordHasher } from './password-hasher.js';

const MINIMUM = { memoryKiB: 19456, timeCost: 2, parallelism: 1 };

test('no more argon2id run at once than the configured concurrency; the rest wait and all finish right', async () => {
  const hasher = new PasswordHasher({ ...MINIMUM, concurrency: 2 });
  const passwords = ['first horse battery', 'second staple', 'third lantern', 'fourth meadow', 'fifth harbour'];
  const hashes = passwords.map((p) => hasher.hash(p));
  // Each hash holds its 19 MiB block only while it runs: two run, three wait without one.
  assert.deepEqual(hasher.inFlight, { running: 2, waiting: 3 });
  let most = 0;
  const watch = setInterval(() => (most = Math.max(most, hasher.inFlight.running)), 1);
  const done = await Promise.all(hashes);
  clearInterval(watch);
  assert.ok(most <= 2, `at most two at once (saw ${most})`);
  assert.deepEqual(hasher.inFlight, { running: 0, waiting: 0 });

  const checks = await Promise.all([
    ...done.map((hash, i) => hasher.verify(hash, passwords[i]!)),
    hasher.verify(done[0]!, 'not the password'),
    hasher.verifyNothing('anything'),
  ]);
  assert.deepEqual(checks, [true, true, true, true, true, false, false]);
});

test('the personal key’s wrap waits its turn too', async () => {
  const hasher = new PasswordHasher({ ...MINIMUM, concurrency: 1 });
  const salt = Buffer.alloc(16, 7);
  const first = hasher.wrappingKey('a long pass phrase', salt);
  const second = hasher.wrappingKey('a long pass phrase', salt, '19456,2,1');
  assert.deepEqual(hasher.inFlight, { running: 1, waiting: 1 });
  const [a, b] = await Promise.all([first, second]);
  assert.deepEqual(a.key, b.key);
  assert.equal(a.cost, '19456,2,1');
});
