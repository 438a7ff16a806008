import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  DEVICE_TOKEN_DAYS,
  DEVICE_TOKENS_KEPT,
  deviceTokenFor,
  issueDeviceToken,
  readDeviceCookie,
  writeDeviceCookie,
} from './device-token.js';

const mac = (message: string) => createHmac('sha256', 'test key').update(message).digest('hex');
const otherMac = (message: string) => createHmac('sha256', 'another key').update(message).digest('hex');
const now = new Date('2026-03-02T10:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
const tokenId = fc.stringMatching(/^[A-Za-z0-9_-]{16,43}$/);
const accountId = fc.uuid();

test('a token is good for the account it was issued for, until it expires', () => {
  fc.assert(
    fc.property(accountId, tokenId, (account, id) => {
      const token = issueDeviceToken(account, id, now, mac);
      assert.equal(deviceTokenFor(token, account, now, mac), id);
      assert.equal(deviceTokenFor(token, account, later(DEVICE_TOKEN_DAYS - 1), mac), id);
      assert.equal(deviceTokenFor(token, account, later(DEVICE_TOKEN_DAYS), mac), null, 'expired');
    }),
  );
});

test('a token proves nothing for another account, under another key, or once changed', () => {
  fc.assert(
    fc.property(accountId, accountId, tokenId, fc.nat(), (account, other, id, at) => {
      const token = issueDeviceToken(account, id, now, mac);
      if (other !== account) assert.equal(deviceTokenFor(token, other, now, mac), null);
      assert.equal(deviceTokenFor(token, account, now, otherMac), null);
      const i = at % token.length;
      const flipped = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
      assert.equal(deviceTokenFor(flipped, account, now, mac), null);
      // A later expiry written into the token does not verify.
      const [tid, expires, tag] = token.split('.');
      assert.equal(deviceTokenFor(`${tid}.${Number(expires) + 86_400}.${tag}`, account, later(DEVICE_TOKEN_DAYS + 0.5), mac), null);
    }),
  );
});

test('the cookie keeps one fresh token per account, others kept, at most a few', () => {
  const ids = Array.from({ length: 6 }, (_, i) => `device-token-id-${i}`.padEnd(20, 'x'));
  let cookie: string[] = [];
  ids.forEach((id, i) => {
    cookie = readDeviceCookie(writeDeviceCookie(cookie, issueDeviceToken(`account-${i}`, id, now, mac), `account-${i}`, now, mac));
  });
  assert.equal(cookie.length, DEVICE_TOKENS_KEPT);
  assert.equal(deviceTokenFor(cookie[0]!, 'account-5', now, mac), ids[5], 'newest first');
  const again = readDeviceCookie(
    writeDeviceCookie(cookie, issueDeviceToken('account-4', 'renewed-token-id-4xx', now, mac), 'account-4', now, mac),
  );
  assert.equal(again.length, DEVICE_TOKENS_KEPT);
  assert.equal(again.filter((t) => deviceTokenFor(t, 'account-4', now, mac) !== null).length, 1, 'the older token of account-4 is gone');
  assert.deepEqual(readDeviceCookie('junk~also junk'), []);
  assert.deepEqual(readDeviceCookie(undefined), []);
});
