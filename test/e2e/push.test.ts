import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { couple, type Person } from '../support/api-client.js';
import { json } from '../support/app.js';
import { browserKeys, decryptPush, startLocalPushService, type LocalPushService } from '../support/push-service.js';
import { pushServiceOf } from '../../src/core/push/push-services.js';
import { browserSkipReason } from './support/browser.js';
import { startBrowserApp, type BrowserApp, type Profile } from './support/session.js';

/**
 * Installable, with push by choice, in Chromium (issue #18, part 4): the manifest parses without
 * a complaint, the service worker registers under the CSP and, given a push carrying anything at
 * all, shows only the fixed words; the opt-in asks nothing until pressed, and pressed, hands the
 * server a subscription that a push then reaches. The browser's own push service (Google's, for
 * Chromium) is never contacted: the subscription is made by a stand-in inside the page, whose
 * endpoint is the local push service, and every request that would leave the machine is aborted
 * and fails the test.
 */

const skip = browserSkipReason();

describe('installing Mend and turning push on in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let service: LocalPushService;

  before(async () => {
    service = await startLocalPushService();
    session = await startBrowserApp({
      push: {
        agent: service.agent,
        serviceOf: (endpoint) => (endpoint.startsWith(`${service.origin}/push/`) ? 'mozilla' : pushServiceOf(endpoint)),
      },
    });
  });

  after(async () => {
    await session?.close();
    await service?.close();
  });

  async function signedIn(
    person: Person,
    options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
  ): Promise<Profile> {
    const profile = await session.newProfile(options);
    await session.signIn(profile, person);
    return profile;
  }

  test('the manifest parses cleanly and the service worker shows only fixed words, whatever a push carries', async () => {
    const { a } = await couple(session.testApp.app);
    const profile = await signedIn(a);
    const { page, context } = profile;
    await page.goto(`${session.origin}/notifications`);
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();

    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.equal(manifest.url, `${session.origin}/manifest.webmanifest`);
    assert.deepEqual(manifest.errors, [], 'Chromium finds nothing wrong with the manifest');
    const installability = await cdp.send('Page.getInstallabilityErrors');
    const aboutTheApp = installability.installabilityErrors
      .map((e) => e.errorId)
      .filter((id) => id.startsWith('manifest') || id.includes('icon') || id.includes('start-url'));
    assert.deepEqual(aboutTheApp, [], 'nothing about the manifest or its icons stands in the way of installing');

    await context.grantPermissions(['notifications'], { origin: session.origin });
    await cdp.send('ServiceWorker.enable');
    const registered = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        const active = versions.find((v) => v.scriptURL === `${session.origin}/sw.js` && v.status === 'activated');
        if (active) resolve(active.registrationId);
      }),
    );
    const state = await page.evaluate(async () => {
      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      const ready = await navigator.serviceWorker.ready;
      return ready.active?.state;
    });
    assert.ok(state === 'activating' || state === 'activated', `the worker is active (${state})`);
    const registrationId = await registered;

    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: session.origin,
      registrationId,
      data: 'CANARY-anything-at-all from a stranger',
    });
    const shown = await page.evaluate(async () => {
      const ready = await navigator.serviceWorker.ready;
      for (;;) {
        const list = await ready.getNotifications();
        if (list.length > 0) return list.map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    assert.deepEqual(shown, [{ title: 'Mend', body: 'Something is waiting for you in Mend.', tag: 'mend-waiting' }]);
    const cached = await page.evaluate(async () => (await caches.keys()).length);
    assert.equal(cached, 0, 'the worker keeps no cache');
    await session.checkPage(profile, 'the notifications page with the service worker');
  });

  test('the opt-in asks nothing on load; pressed, it subscribes, and a partner’s action then reaches the device', async () => {
    const { a, b, spaceId } = await couple(session.testApp.app);
    const keys = browserKeys();
    const name = `browser-${process.pid}`;
    const endpoint = service.endpoint(name);
    const profile = await session.newProfile({ viewport: { width: 390, height: 844 } });
    const { page, context } = profile;
    // The stand-in for the browser's push service: the subscription Chromium would get from Google,
    // with an endpoint on this machine and keys the test holds. It records what it was asked.
    // A string, so nothing of the test's own build (its helpers) is needed in the page.
    await page.addInitScript(`{
      const endpoint = ${JSON.stringify(endpoint)};
      const keys = ${JSON.stringify({ p256dh: keys.p256dh, auth: keys.auth })};
      window.__asked = [];
      const subscription = {
        endpoint,
        options: { applicationServerKey: null },
        toJSON: () => ({ endpoint, expirationTime: null, keys }),
        unsubscribe: async () => true,
      };
      let subscribed = false;
      const original = Notification.requestPermission.bind(Notification);
      Notification.requestPermission = async () => {
        window.__asked.push('permission');
        return original();
      };
      PushManager.prototype.getSubscription = async () => (subscribed ? subscription : null);
      PushManager.prototype.subscribe = async (options) => {
        window.__asked.push('subscribe');
        const key = new Uint8Array(options.applicationServerKey);
        // Kept across the reload that follows: the page is drawn again once push is on.
        sessionStorage.setItem('asked-with-key', btoa(String.fromCharCode(...key)).replace(/[+]/g, '-').replace(/[/]/g, '_').replace(/=+$/, ''));
        subscribed = true;
        return subscription;
      };
    }`);
    await session.signIn(profile, a);
    await page.goto(`${session.origin}/notifications`);
    const button = page.getByRole('button', { name: 'Turn on push notifications here' });
    await button.waitFor();
    await page.waitForLoadState('load');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __asked: string[] }).__asked), [], 'nothing is asked on load');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0, 'no worker until asked');
    await page.screenshot({ path: '/tmp/push-opt-in-390.png', fullPage: true }).catch(() => undefined);
    await session.checkPage(profile, 'the notifications page before push');

    await context.grantPermissions(['notifications'], { origin: session.origin });
    await Promise.all([page.waitForURL(`${session.origin}/notifications?push=on#push`), button.click()]);
    await page.getByText('Push notifications are on for this browser.').waitFor();
    await page.screenshot({ path: '/tmp/push-on-390.png', fullPage: true }).catch(() => undefined);
    const publicKey = json(await a.api.get('/api/v1/me/push-subscriptions')).push.applicationServerKey as string;
    assert.equal(await page.evaluate(() => sessionStorage.getItem('asked-with-key')), publicKey, 'subscribed with the instance key');
    await session.checkPage(profile, 'the notifications page with push on');

    // Quiet hours hold for push too (22:00–08:00 by default): none here, so the test runs at any hour.
    assert.equal((await a.api.put('/api/v1/me/reminders', { dailyTime: null, weeklyEmail: false, quietHours: null })).statusCode, 200);
    const res = await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {
      note: { text: 'CANARY-browser-words', visibility: 'shared' },
    });
    assert.equal(res.statusCode, 201);
    await session.testApp.app.mend.push.idle();
    const pushes = service.received.filter((p) => p.path === `/push/${name}`);
    assert.equal(pushes.length, 1);
    assert.deepEqual(JSON.parse(decryptPush(pushes[0]!.body, keys)), { kind: 'waiting' });

    // Turned off again from the page: the browser's subscription ends too, and the row goes.
    await Promise.all([page.waitForURL(`${session.origin}/notifications#push`), page.getByRole('button', { name: /Turn off/ }).click()]);
    await page.getByText('None yet.').waitFor();
    assert.equal(json(await a.api.get('/api/v1/me/push-subscriptions')).subscriptions.length, 0);
    await session.checkPage(profile, 'the notifications page after turning push off');
  });

  test('refused permission is said plainly and nothing is subscribed', async () => {
    const { a } = await couple(session.testApp.app);
    const profile = await signedIn(a);
    const { page } = profile;
    await page.addInitScript(`PushManager.prototype.subscribe = async () => { throw new Error('must not be asked'); };`);
    await page.goto(`${session.origin}/notifications`);
    await page.waitForLoadState('load');
    await page.evaluate(`Notification.requestPermission = async () => 'denied';`);
    await page.getByRole('button', { name: 'Turn on push notifications here' }).click();
    await page.getByText(/set to block notifications from Mend/).waitFor();
    assert.equal(json(await a.api.get('/api/v1/me/push-subscriptions')).subscriptions.length, 0);
    await session.checkPage(profile, 'the notifications page after push was refused');
  });

  test('without JavaScript the page says push needs it, and shows no button', async () => {
    const { a } = await couple(session.testApp.app);
    const profile = await signedIn(a, { javaScriptEnabled: false });
    const { page } = profile;
    await page.goto(`${session.origin}/notifications`);
    await page.getByRole('heading', { level: 2, name: 'Push notifications' }).waitFor();
    // Shown as the browser draws it (Playwright's text locators pass over <noscript>).
    assert.match(await page.locator('#push').innerText(), /Push notifications need JavaScript, which is off in this browser\./);
    assert.equal(await page.getByRole('button', { name: 'Turn on push notifications here' }).isVisible(), false);
    await page.screenshot({ path: '/tmp/push-no-js.png', fullPage: true }).catch(() => undefined);
    await session.checkPage(profile, 'the notifications page without JavaScript');
  });
});
