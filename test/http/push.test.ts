import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json, type TestApp } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { browserKeys, decryptPush, startLocalPushService, verifyVapid, type BrowserKeys } from '../support/push-service.js';
import { pushServiceOf } from '../../src/core/push/push-services.js';
import { PushSubscriptionStore } from '../../src/features/push/store.js';

/**
 * Push notifications by choice (issue #18, part 4), end to end against a push service on this
 * machine: a notification written for someone sends each of their devices a push, which is
 * checked as a push service and a browser would — the VAPID token against the instance's key, the
 * body decrypted with the subscription's own private key and auth secret (RFC 8291) — and says
 * only that something is waiting. Both databases.
 */

const service = await startLocalPushService();
after(() => service.close());

/** The local service counts as a push service; everything else is judged as in production. */
const push = {
  agent: service.agent,
  serviceOf: (endpoint: string) => (endpoint.startsWith(`${service.origin}/push/`) ? ('mozilla' as const) : pushServiceOf(endpoint)),
};

let run = 0;
/** A device of `person`: new browser keys and an endpoint on the local service, named for the test. */
async function subscribe(person: Person, name: string): Promise<{ id: string; name: string; keys: BrowserKeys }> {
  const keys = browserKeys();
  const unique = `${name}-${process.pid}-${(run += 1)}`;
  const res = await person.api.post('/api/v1/me/push-subscriptions', {
    endpoint: service.endpoint(unique),
    keys: { p256dh: keys.p256dh, auth: keys.auth },
    expirationTime: null,
  });
  assert.equal(res.statusCode, 201, res.body);
  // Quiet hours hold for push too (22:00–08:00 by default): none here, so the test runs at any hour.
  const quiet = await person.api.put('/api/v1/me/reminders', { dailyTime: null, weeklyEmail: false, quietHours: null });
  assert.equal(quiet.statusCode, 200, quiet.body);
  return { id: json(res).subscription.id as string, name: unique, keys };
}

/** Something that tells `to`: `from` asks for reassurance, with words of their own that must never travel. */
async function somethingFor(from: Person, spaceId: string, canary: string): Promise<void> {
  const res = await from.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: canary, visibility: 'shared' } });
  assert.equal(res.statusCode, 201, res.body);
}

const pushesTo = (name: string) => service.received.filter((p) => p.path === `/push/${name}`);
const idle = (app: FastifyInstance) => app.mend.push.idle();

async function rowsOf(testApp: TestApp, accountId: string) {
  return testApp.app.mend.store.db.selectFrom('push_subscriptions').selectAll().where('account_id', '=', accountId).execute();
}

const log: string[] = [];
const logStream = new Writable({ write: (chunk, _e, done) => (log.push(String(chunk)), done()) });

describeEachDatabase(
  'push notifications',
  (get) => {
    test('a notification sends each of the person’s devices a push that says only that something is waiting', async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
      // The partner's joining tells the other (a push) in the background: let it go before any device subscribes.
      await idle(app);
      const phone = await subscribe(a, 'alex-phone');
      const laptop = await subscribe(a, 'alex-laptop');
      const samsPhone = await subscribe(b, 'sam-phone');
      const publicKey = json(await a.api.get('/api/v1/me/push-subscriptions')).push.applicationServerKey as string;
      assert.match(publicKey, /^[A-Za-z0-9_-]{87}$/, 'an uncompressed P-256 point, base64url');

      const canary = `CANARY-PUSH-${process.pid}-sam-wrote-this`;
      await somethingFor(b, spaceId, canary);
      await idle(app);

      assert.equal(pushesTo(samsPhone.name).length, 0, 'the person who acted gets no push');
      for (const device of [phone, laptop]) {
        const pushes = pushesTo(device.name);
        assert.equal(pushes.length, 1, `one push to ${device.name}`);
        const pushed = pushes[0]!;
        const claims = verifyVapid(String(pushed.headers.authorization), publicKey, service.origin);
        assert.match(claims.sub, /^(mailto:|https:)/);
        assert.equal(pushed.headers['content-encoding'], 'aes128gcm');
        assert.equal(pushed.headers.ttl, '86400');
        assert.equal(pushed.headers.urgency, 'normal');
        const text = decryptPush(pushed.body, device.keys);
        assert.deepEqual(JSON.parse(text), { kind: 'waiting' }, 'the payload says only that something is waiting');
        for (const seen of [text, pushed.body.toString('latin1'), JSON.stringify(pushed.headers), pushed.path]) {
          assert.ok(
            !seen.includes(canary) && !seen.includes('CANARY') && !seen.includes('Sam') && !seen.includes('Alex'),
            'no words, no names',
          );
        }
        // Only this device's keys open it.
        assert.throws(() => decryptPush(pushed.body, device === phone ? laptop.keys : phone.keys));
      }
    });

    test('the request that wrote the notification does not wait for the push service', async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app);
      // The partner's joining tells the other (a push) in the background: let it go before any device subscribes.
      await idle(app);
      const device = await subscribe(a, 'held');
      const held = service.hold(device.name);
      // Answered while the push service has not even been asked: the push goes after the answer.
      await somethingFor(b, spaceId, 'CANARY-held');
      assert.equal(pushesTo(device.name).length, 0, 'the answer came before the push was sent');
      const { push: pushed, release } = await held;
      assert.equal(pushed.path, `/push/${device.name}`);
      release(201);
      await idle(app);
    });

    test('a burst of notifications gives one push while the first is still on its way, and none is retried', async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app);
      // The partner's joining tells the other (a push) in the background: let it go before any device subscribes.
      await idle(app);
      const device = await subscribe(a, 'burst');
      const held = service.hold(device.name);
      await somethingFor(b, spaceId, 'CANARY-1');
      const { release } = await held;
      await somethingFor(b, spaceId, 'CANARY-2');
      await somethingFor(b, spaceId, 'CANARY-3');
      release(503);
      await idle(app);
      assert.equal(pushesTo(device.name).length, 1, 'one push, and a failed one is not sent again');
      assert.equal((await rowsOf(get(), a.id)).length, 1, 'a busy push service does not end the subscription');
    });

    test('a push waits for the person’s yes (the quiet-hours hook): asked with the account and the instant, no means nothing is sent', async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app);
      // The partner's joining tells the other (a push) in the background: let it go before any device subscribes.
      await idle(app);
      const device = await subscribe(a, 'quiet');
      const asked: Array<{ accountId: string; at: Date }> = [];
      const wired = app.mend.push.mayPushNow;
      app.mend.push.mayPushNow = (accountId, at) => {
        asked.push({ accountId, at });
        return false;
      };
      try {
        await somethingFor(b, spaceId, 'CANARY-quiet');
        await idle(app);
      } finally {
        app.mend.push.mayPushNow = wired;
      }
      assert.equal(asked.length, 1);
      assert.equal(asked[0]!.accountId, a.id);
      assert.ok(asked[0]!.at instanceof Date);
      assert.equal(pushesTo(device.name).length, 0, 'held back, and not sent later');
      await somethingFor(b, spaceId, 'CANARY-loud');
      await idle(app);
      assert.equal(pushesTo(device.name).length, 1);
    });

    test('a subscription the push service says is gone is deleted; the log names the kind, never the address or words', async () => {
      const testApp = get();
      const { a, b, spaceId } = await couple(testApp.app);
      // The partner's joining tells the other (a push) in the background: let it go before any device subscribes.
      await idle(testApp.app);
      const gone = await subscribe(a, 'gone');
      const kept = await subscribe(a, 'kept');
      service.answer(gone.name, 410);
      log.length = 0;
      await somethingFor(b, spaceId, 'CANARY-gone-words');
      await idle(testApp.app);
      assert.equal(pushesTo(gone.name).length, 1);
      const ids = json(await a.api.get('/api/v1/me/push-subscriptions')).subscriptions.map((s: { id: string }) => s.id);
      assert.deepEqual(ids, [kept.id], 'the gone subscription was removed, the other kept');
      assert.deepEqual(
        (await rowsOf(testApp, a.id)).map((r) => r.id),
        [kept.id],
      );
      const lines = log.join('');
      assert.match(lines, /"what":"push","kind":"gone","status":410/);
      assert.ok(
        !lines.includes(gone.name) && !lines.includes(service.origin) && !lines.includes('CANARY'),
        'no address, no words in the log',
      );

      // The next notification goes to the device that is left, and only there.
      await somethingFor(b, spaceId, 'CANARY-again');
      await idle(testApp.app);
      assert.equal(pushesTo(gone.name).length, 1);
      assert.equal(pushesTo(kept.name).length, 2);
    });

    test('nobody can list or turn off another person’s devices', async () => {
      const testApp = get();
      const { a, b } = await couple(testApp.app);
      // The partner's joining tells the other (a push) in the background: let it go before any device subscribes.
      await idle(testApp.app);
      const alex = await subscribe(a, 'alex-private');
      const sams = json(await b.api.get('/api/v1/me/push-subscriptions'));
      assert.deepEqual(sams.subscriptions, [], "Sam's list holds nothing of Alex's");
      assert.ok(!JSON.stringify(sams).includes(alex.id));
      assert.equal((await b.api.delete(`/api/v1/me/push-subscriptions/${alex.id}`)).statusCode, 404);
      const samsPages = new PageClient(testApp.app);
      await samsPages.get('/sign-in');
      await samsPages.post('/sign-in', { email: b.email, password: b.password });
      const page = await samsPages.get('/notifications');
      assert.ok(!page.body.includes(alex.id), "Sam's page shows nothing of Alex's");
      assert.equal((await samsPages.post(`/notifications/push/${alex.id}/remove`, {})).statusCode, 404);
      assert.deepEqual(
        (await rowsOf(testApp, a.id)).map((r) => r.id),
        [alex.id],
        "Alex's device is still on",
      );
      assert.equal((await a.api.delete(`/api/v1/me/push-subscriptions/${alex.id}`)).statusCode, 204, 'Alex can turn it off');
      assert.equal((await rowsOf(testApp, a.id)).length, 0);
    });

    test('only the push services of browser makers, and keys that can be encrypted to, are accepted', async () => {
      const testApp = get();
      const { a } = await couple(testApp.app);
      // The partner's joining tells the other (a push) in the background: let it go before any device subscribes.
      await idle(testApp.app);
      const keys = browserKeys();
      for (const endpoint of [
        'https://10.0.0.1/push/x',
        'http://fcm.googleapis.com/fcm/send/x',
        'https://fcm.googleapis.com.example.org/x',
        `${service.origin}/elsewhere`,
      ]) {
        const res = await a.api.post('/api/v1/me/push-subscriptions', { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } });
        assert.equal(res.statusCode, 400, endpoint);
        assert.equal(json(res).error.code, 'invalid_input');
      }
      const badKeys = await a.api.post('/api/v1/me/push-subscriptions', {
        endpoint: service.endpoint('bad-keys'),
        keys: { p256dh: keys.auth, auth: keys.auth },
      });
      assert.equal(badKeys.statusCode, 400);
      const extra = await a.api.post('/api/v1/me/push-subscriptions', {
        endpoint: service.endpoint('x'),
        keys: { p256dh: keys.p256dh, auth: keys.auth },
        note: 'x',
      });
      assert.equal(extra.statusCode, 400, 'nothing else is taken');
      assert.equal((await rowsOf(testApp, a.id)).length, 0);
    });

    test('the endpoint and keys are stored encrypted; the same browser subscribing again replaces its row', async () => {
      const testApp = get();
      const { a, b } = await couple(testApp.app);
      // The partner's joining tells the other (a push) in the background: let it go before any device subscribes.
      await idle(testApp.app);
      const device = await subscribe(a, 'sealed');
      const [row] = await rowsOf(testApp, a.id);
      for (const column of [row!.subscription_enc, row!.endpoint_index]) {
        assert.ok(!column.includes(device.name) && !column.includes(device.keys.p256dh) && !column.includes(device.keys.auth));
      }
      // The same browser, now signed in as Sam (a shared computer): only Sam is reached from it.
      const again = await b.api.post('/api/v1/me/push-subscriptions', {
        endpoint: service.endpoint(device.name),
        keys: { p256dh: device.keys.p256dh, auth: device.keys.auth },
      });
      assert.equal(again.statusCode, 201);
      assert.equal((await rowsOf(testApp, a.id)).length, 0);
      assert.equal((await rowsOf(testApp, b.id)).length, 1);
    });

    test('signing out everywhere and deleting the account end push on every device', async () => {
      const testApp = get();
      const { a, b } = await couple(testApp.app);
      // The partner's joining tells the other (a push) in the background: let it go before any device subscribes.
      await idle(testApp.app);
      await subscribe(a, 'alex-1');
      await subscribe(a, 'alex-2');
      await subscribe(b, 'sam-1');
      assert.equal((await a.api.delete('/api/v1/sessions')).statusCode, 204);
      assert.equal((await rowsOf(testApp, a.id)).length, 0, 'sign-out everywhere');
      assert.equal((await b.api.delete('/api/v1/me', { password: b.password })).statusCode, 204);
      assert.equal((await rowsOf(testApp, b.id)).length, 0, 'account deletion');
    });

    test('the notifications page offers push, says plainly that it needs JavaScript, and turns a device off without it', async () => {
      const testApp = get();
      const { a } = await couple(testApp.app);
      // The partner's joining tells the other (a push) in the background: let it go before any device subscribes.
      await idle(testApp.app);
      const pages = new PageClient(testApp.app);
      await pages.get('/sign-in');
      await pages.post('/sign-in', { email: a.email, password: a.password });
      const publicKey = json(await a.api.get('/api/v1/me/push-subscriptions')).push.applicationServerKey as string;

      let page = await pages.get('/notifications');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(`data-push-key="${publicKey}"`));
      assert.match(page.body, /<noscript><p><strong>Push notifications need JavaScript<\/strong>/);
      assert.match(page.body, /<div class="push-opt-in__controls" data-push-controls hidden>/, 'the button waits, hidden, for the island');
      assert.match(page.body, /<script type="module" src="\/static\/push-opt-in\.[0-9a-f]{12}\.js"><\/script>/);
      assert.match(page.body, /None yet\./);

      // What the island posts once the browser made a subscription.
      const keys = browserKeys();
      const name = `page-${process.pid}`;
      const added = await pages.post('/notifications/push', { endpoint: service.endpoint(name), p256dh: keys.p256dh, auth: keys.auth });
      assert.equal(added.statusCode, 204, added.body);
      const refused = await pages.post('/notifications/push', {
        endpoint: 'https://example.org/push',
        p256dh: keys.p256dh,
        auth: keys.auth,
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /push service is not one Mend sends to/, 'the island shows the refusal in plain words');
      const withoutToken = await pages.post(
        '/notifications/push',
        { endpoint: service.endpoint(name), p256dh: keys.p256dh, auth: keys.auth },
        { withCsrf: false },
      );
      assert.equal(withoutToken.statusCode, 403, 'CSRF-protected like every form');

      page = await pages.get('/notifications');
      assert.match(page.body, /Push notifications are on for this browser\./);
      const id = /action="\/notifications\/push\/([^/"]+)\/remove" class="inline-form" data-push-current/.exec(page.body)?.[1];
      assert.ok(id, 'this browser is listed with a form to turn it off');
      const removed = await pages.post(`/notifications/push/${id}/remove`, {});
      assert.equal(removed.statusCode, 303);
      assert.equal((await rowsOf(testApp, a.id)).length, 0);

      // Signing out of the browser that turned it on ends its push too.
      await pages.get('/notifications');
      await pages.post('/notifications/push', { endpoint: service.endpoint(name), p256dh: keys.p256dh, auth: keys.auth });
      assert.equal((await rowsOf(testApp, a.id)).length, 1);
      await pages.get('/notifications');
      await pages.post('/sign-out', {});
      assert.equal((await rowsOf(testApp, a.id)).length, 0);
    });

    test('the privacy page names the push services, and says what a push carries', async () => {
      const page = await new PageClient(get().app).get('/about/privacy');
      assert.match(page.body, /id="push"/);
      for (const words of [
        'Firebase Cloud Messaging',
        'Windows Push Notification Services',
        'Mozilla',
        'Apple',
        'never anything anyone wrote',
      ])
        assert.ok(page.body.includes(words), words);
    });
  },
  { push, env: { LOG_LEVEL: 'info' }, logStream },
);

describeEachDatabase(
  'push notifications turned off by the operator (MEND_PUSH=off)',
  (get) => {
    test('no opt-in, no keys, nothing sent — and Mend can still be installed', async () => {
      const testApp = get();
      const { app } = testApp;
      const { a, b, spaceId } = await couple(app);
      // The partner's joining tells the other (a push) in the background: let it go before any device subscribes.
      await idle(app);
      const listed = json(await a.api.get('/api/v1/me/push-subscriptions'));
      assert.deepEqual(listed.push, { enabled: false, applicationServerKey: null });
      const keys = browserKeys();
      const refused = await a.api.post('/api/v1/me/push-subscriptions', {
        endpoint: service.endpoint('off'),
        keys: { p256dh: keys.p256dh, auth: keys.auth },
      });
      assert.equal(refused.statusCode, 409);
      assert.equal((await app.mend.store.db.selectFrom('vapid_keys').selectAll().execute()).length, 0, 'no keys are made');

      const pages = new PageClient(app);
      await pages.get('/sign-in');
      await pages.post('/sign-in', { email: a.email, password: a.password });
      const page = await pages.get('/notifications');
      assert.ok(!page.body.includes('data-push-key') && !page.body.includes('push-opt-in.js'), 'no opt-in is shown');
      assert.ok(!(await pages.get('/about/privacy')).body.includes('id="push"'));
      const manifest = await app.inject({ method: 'GET', url: '/manifest.webmanifest' });
      assert.equal(manifest.statusCode, 200);
      assert.equal(json(manifest).name, 'Mend');

      // A device left from before the operator turned push off gets nothing.
      const session = json(await a.api.get('/api/v1/sessions')).sessions.find((s: { current: boolean }) => s.current) as { id: string };
      const name = `off-${process.pid}`;
      await new PushSubscriptionStore(app.mend.store.db, app.mend.vault).put({
        id: `left-${process.pid}`,
        accountId: a.id,
        sessionId: session.id,
        endpoint: service.endpoint(name),
        p256dh: keys.p256dh,
        auth: keys.auth,
        createdAt: new Date().toISOString(),
      });
      const unread = async () => json(await a.api.get('/api/v1/me/notifications')).unread as number;
      const before = await unread();
      await somethingFor(b, spaceId, 'CANARY-off');
      await idle(app);
      assert.equal(await unread(), before + 1, 'the notification itself is written');
      assert.equal(pushesTo(name).length, 0, 'nothing is sent');
    });
  },
  { push, env: { MEND_PUSH: 'off' } },
);
