import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fail } from '../../src/platform/errors.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { signUp, type Person } from '../support/api-client.js';
import type { PageClient } from '../support/browser-less.js';
import { pagesAs } from '../support/live-people.js';

/**
 * Quick exit (issue #14): the form every page carries ends the session before leaving for the
 * neutral site, unless the person turned that off — with or without a valid form token, and
 * never with an error page. The setting is each person's own, on the settings page and the API.
 */

const NEUTRAL = 'https://neutral.example.org/';

/** Posts the quick-exit form the way a browser would, with whatever headers the case needs. */
function quickExit(client: PageClient, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return client.post('/quick-exit', fields, { withCsrf: false, headers });
}

async function signedIn(client: PageClient): Promise<boolean> {
  const res = await client.get('/account');
  return res.statusCode === 200;
}

describeEachDatabase(
  'quick exit',
  (get) => {
    let robin: Person;
    let pages: PageClient;

    const freshPages = async (): Promise<PageClient> => {
      pages = await pagesAs(get().app, robin);
      assert.ok(await signedIn(pages));
      return pages;
    };

    test('every page carries the quick-exit form, first in the page, posting to /quick-exit', async () => {
      robin = await signUp(get().app, 'Robin');
      await freshPages();
      const page = (await pages.get('/account')).body;
      const form = /<form class="quick-exit-form" method="post" action="\/quick-exit" data-leave-to="([^"]+)">/.exec(page);
      assert.ok(form, 'the quick-exit form is on the page');
      assert.ok(page.indexOf('quick-exit-form') < page.indexOf('skip-link'), 'it comes before everything else in the body');
      const signedOut = (await get().app.inject({ method: 'GET', url: '/sign-in' })).body;
      assert.match(signedOut, /action="\/quick-exit"/, 'signed-out pages carry it too');
    });

    test('with the setting on (the default), it ends the session, forgets the cookie and leaves', async () => {
      await freshPages();
      const sessions = async (): Promise<string[]> =>
        (json(await robin.api.get('/api/v1/sessions')).sessions as Array<{ id: string }>).map((s) => s.id);
      const before = await sessions();
      const token = pages.cookies.mend_session;
      const res = await quickExit(pages);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, get().config.quickExitUrl);
      assert.match(String(res.headers['cache-control']), /no-store/);
      assert.equal(pages.cookies.mend_session, undefined, 'the session cookie is cleared');
      assert.equal(await signedIn(pages), false);
      // The session is gone on the server too, not only forgotten by this browser.
      assert.equal((await sessions()).length, before.length - 1);
      const replayed = await get().app.inject({ method: 'GET', url: '/account', cookies: { mend_session: token! } });
      assert.equal(replayed.statusCode, 303, 'the old cookie no longer signs anyone in');
    });

    test('a missing, stale or foreign form token does not stop it, and nothing answers with an error page', async () => {
      for (const fields of [{}, { _csrf: 'stale-token-from-an-old-page' }] as Array<Record<string, string>>) {
        await freshPages();
        const res = await quickExit(pages, fields, { 'sec-fetch-site': 'same-origin' });
        assert.equal(res.statusCode, 303, res.body);
        assert.equal(await signedIn(pages), false);
      }
      // Without any cookie (already signed out, or the cookies cleared) it simply leaves.
      const stranger = await get().app.inject({
        method: 'POST',
        url: '/quick-exit',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      assert.equal(stranger.statusCode, 303);
      assert.equal(stranger.headers.location, get().config.quickExitUrl);
    });

    test('a request another site sends leaves the session alone', async () => {
      await freshPages();
      for (const site of ['cross-site', 'same-site']) {
        const res = await quickExit(pages, {}, { 'sec-fetch-site': site });
        assert.equal(res.statusCode, 303);
        assert.equal(await signedIn(pages), true, `${site}: still signed in`);
      }
    });

    test('when the session cannot be read (the database out of reach) it still leaves, and this browser forgets the session', async () => {
      await freshPages();
      const accounts = get().app.mend.accounts;
      const authenticate = accounts.authenticate;
      accounts.authenticate = async () => fail('unavailable');
      try {
        const res = await quickExit(pages);
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, get().config.quickExitUrl);
        assert.equal(pages.cookies.mend_session, undefined);
      } finally {
        accounts.authenticate = authenticate;
      }
    });

    test('the settings page turns it off and on in its own small form; with it off, Quick exit leaves without signing out', async () => {
      await freshPages();
      const settings = (await pages.get('/account/settings')).body;
      assert.match(settings, /<h2 id="quick-exit-title">Quick exit<\/h2>/);
      assert.match(settings, /name="signsOut" value="yes" checked/, 'on by default');
      assert.match((await pages.get('/account')).body, /<dt>Quick exit<\/dt><dd>Leaves and signs you out<\/dd>/);
      const off = await pages.post('/account/quick-exit', {});
      assert.equal(off.statusCode, 303);
      assert.equal(off.headers.location, '/account/settings?done=quick-exit#quick-exit');
      const after = (await pages.get('/account/settings?done=quick-exit')).body;
      assert.match(after, /Your Quick exit setting is saved/);
      assert.doesNotMatch(after, /name="signsOut" value="yes" checked/);
      assert.deepEqual(json(await robin.api.get('/api/v1/me/quick-exit')), { signsOut: false });
      assert.match(
        (await pages.get('/account')).body,
        /<dt>Quick exit<\/dt><dd>Leaves without signing you out<\/dd>/,
        'the account page says what it does now',
      );

      const res = await quickExit(pages);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, get().config.quickExitUrl);
      assert.equal(await signedIn(pages), true, 'still signed in');

      await pages.get('/account/settings');
      await pages.post('/account/quick-exit', { signsOut: 'yes' });
      assert.match((await pages.get('/account/settings')).body, /name="signsOut" value="yes" checked/);
      await quickExit(pages);
      assert.equal(await signedIn(pages), false);
    });

    test('the settings form needs its token like every other form', async () => {
      await freshPages();
      await pages.get('/account/settings');
      const res = await pages.post('/account/quick-exit', {}, { withCsrf: false });
      assert.equal(res.statusCode, 403);
      assert.deepEqual(json(await robin.api.get('/api/v1/me/quick-exit')), { signsOut: true }, 'unchanged');
    });

    test('the API reads and sets the setting; it is each person’s own', async () => {
      const sam = await signUp(get().app, 'Sam');
      assert.deepEqual(json(await succeeded(sam.api.get('/api/v1/me/quick-exit'), 'read')), { signsOut: true });
      const put = await sam.api.put('/api/v1/me/quick-exit', { signsOut: false });
      assert.equal(put.statusCode, 200);
      assert.deepEqual(json(put), { signsOut: false });
      assert.deepEqual(json(await sam.api.get('/api/v1/me/quick-exit')), { signsOut: false });
      assert.deepEqual(json(await robin.api.get('/api/v1/me/quick-exit')), { signsOut: true }, 'Robin’s is untouched');
      for (const body of [{}, { signsOut: 'no' }, { signsOut: false, other: 1 }]) {
        const bad = await sam.api.put('/api/v1/me/quick-exit', body);
        assert.equal(bad.statusCode, 400, JSON.stringify(body));
        assert.equal(json(bad).error.code, 'invalid_input');
      }
      const anonymous = await get().app.inject({ method: 'GET', url: '/api/v1/me/quick-exit' });
      assert.equal(anonymous.statusCode, 401);
      const doc = json(await get().app.inject({ method: 'GET', url: '/api/openapi.json' }));
      assert.ok(doc.paths['/api/v1/me/quick-exit']?.get && doc.paths['/api/v1/me/quick-exit']?.put, 'described in the OpenAPI document');
    });
  },
  { env: { MEND_QUICK_EXIT_URL: NEUTRAL } },
);
