import { performance } from 'node:perf_hooks';
import {
  newPersonalKey,
  openPersonal,
  sealPersonal,
  sessionWrappingKey,
  unwrapPersonalKey,
  wrapPersonalKey,
} from '../src/platform/vault/personal-key.js';

/**
 * What personal keys (issue #23) add to a request: opening the key from the session's wrap (HKDF
 * of the token, then one AES-GCM decryption of 32 bytes), which every signed-in request does, and
 * sealing or opening one private text under it. Microseconds each, on one core.
 */
export function runPersonalKeysBench(minMs = 500): Array<{ operation: string; 'µs each': number; 'per second': number }> {
  const key = newPersonalKey();
  const token = 'x'.repeat(43);
  const wrap = wrapPersonalKey(key, sessionWrappingKey(token), { accountId: 'a', by: 'session:s' });
  const text = 'A private note of about two hundred characters, the length of a typical check-in note written late at night. '.repeat(2);
  const sealed = sealPersonal(key, text, 'bound/1 ["checkins","note","c","a","private",[]]');
  const rows: Array<[string, () => unknown]> = [
    [
      'open the personal key from a session (per signed-in request)',
      () => unwrapPersonalKey(wrap, sessionWrappingKey(token), { accountId: 'a', by: 'session:s' }),
    ],
    ['seal a 220-character private text', () => sealPersonal(key, text, 'aad')],
    ['open a 220-character private text', () => openPersonal(key, sealed, 'bound/1 ["checkins","note","c","a","private",[]]')],
  ];
  return rows.map(([operation, fn]) => {
    for (let i = 0; i < 1000; i++) fn();
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < minMs) {
      for (let i = 0; i < 100; i++) fn();
      n += 100;
    }
    const each = ((performance.now() - start) * 1000) / n;
    return { operation, 'µs each': Number(each.toFixed(2)), 'per second': Math.round(1e6 / each) };
  });
}
