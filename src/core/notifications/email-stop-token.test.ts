import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { emailStopToken, readEmailStopToken, type EmailList } from './email-stop-token.js';

const macUnder = (key: string) => (message: string) => createHmac('sha256', key).update(message).digest('hex');
const mac = macUnder('server key');
const id = '7b0f6d1e-4a8e-4f5e-9d55-0c3f9f3a1b2c';

test('a token names the account and the list, and reads back', () => {
  for (const list of ['waiting', 'reminders'] as const) {
    const token = emailStopToken(id, list, mac);
    assert.match(token, /^[A-Za-z0-9_.-]+$/, 'safe in a URL path as is');
    assert.ok(token.length <= 100, 'within one path segment’s limit');
    assert.deepEqual(readEmailStopToken(token, mac), { accountId: id, list });
  }
});

test('a changed token, another list, another account or another key stops nothing', () => {
  const token = emailStopToken(id, 'waiting', mac);
  assert.equal(readEmailStopToken(token.replace('.w.', '.r.'), mac), null, 'the list cannot be swapped');
  assert.equal(readEmailStopToken(token.replace(id, id.replace('7b', '7c')), mac), null, 'nor the account');
  assert.equal(readEmailStopToken(token, macUnder('another server')), null);
  assert.equal(readEmailStopToken('', mac), null);
  assert.equal(readEmailStopToken(`${token}0`, mac), null);
  assert.equal(readEmailStopToken(token.toUpperCase(), mac), null);
});

test('property: changing any one character of a token makes it stop nothing', () => {
  fc.assert(
    fc.property(
      fc.uuid(),
      fc.constantFrom<EmailList>('waiting', 'reminders'),
      fc.nat(),
      fc.constantFrom(...'0123456789abcdefABw.r-_x'),
      (accountId, list, at, ch) => {
        const token = emailStopToken(accountId, list, mac);
        const i = at % token.length;
        if (token[i] === ch) return true;
        const changed = token.slice(0, i) + ch + token.slice(i + 1);
        return readEmailStopToken(changed, mac) === null && readEmailStopToken(token, mac)?.accountId === accountId;
      },
    ),
  );
});
