import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_ENDPOINT_LENGTH, pushServiceOf, validPushKeys } from './push-services.js';

describe('push services', () => {
  test('the services browsers use are known by their hosts', () => {
    assert.equal(pushServiceOf('https://fcm.googleapis.com/fcm/send/abc:def'), 'google');
    assert.equal(pushServiceOf('https://fcm.googleapis.com/wp/abc'), 'google');
    assert.equal(pushServiceOf('https://updates.push.services.mozilla.com/wpush/v2/gAAAA'), 'mozilla');
    assert.equal(pushServiceOf('https://web.push.apple.com/QGkJ'), 'apple');
    assert.equal(pushServiceOf('https://wns2-bn3p.notify.windows.com/w/?token=BQYAAA'), 'microsoft');
  });

  test('anything else is refused: other hosts, look-alikes, http, ports, credentials, nonsense', () => {
    for (const endpoint of [
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://fcm.googleapis.com:8443/fcm/send/abc',
      'https://user:pw@fcm.googleapis.com/fcm/send/abc',
      'https://fcm.googleapis.com.evil.example/abc',
      'https://evilfcm.googleapis.com/abc',
      'https://push.apple.com/abc',
      'https://notify.windows.com.example.org/w',
      'https://127.0.0.1/push',
      'https://localhost/push',
      'https://[::1]/push',
      'https://10.0.0.2/push',
      'file:///etc/passwd',
      'not a url',
      '',
      `https://fcm.googleapis.com/${'a'.repeat(MAX_ENDPOINT_LENGTH)}`,
    ]) {
      assert.equal(pushServiceOf(endpoint), null, endpoint);
    }
  });

  test('a host is only ever accepted when it is, or ends in, a known service', () => {
    fc.assert(
      fc.property(fc.domain(), fc.webPath(), (host, path) => {
        const service = pushServiceOf(`https://${host}${path}`);
        if (service === null) return true;
        const h = host.toLowerCase();
        return (
          h === 'fcm.googleapis.com' ||
          h === 'updates.push.services.mozilla.com' ||
          h.endsWith('.push.apple.com') ||
          h.endsWith('.notify.windows.com')
        );
      }),
    );
  });

  test('keys must be a P-256 point and a 16-byte secret in base64url', () => {
    const p256dh = Buffer.alloc(65, 4).toString('base64url');
    const auth = Buffer.alloc(16, 7).toString('base64url');
    assert.equal(validPushKeys({ p256dh, auth }), true);
    assert.equal(validPushKeys({ p256dh: Buffer.alloc(64).toString('base64url'), auth }), false);
    assert.equal(validPushKeys({ p256dh, auth: Buffer.alloc(32).toString('base64url') }), false);
    assert.equal(validPushKeys({ p256dh: `${p256dh.slice(1)}+`, auth }), false);
    assert.equal(validPushKeys({ p256dh, auth: '' }), false);
  });
});
