import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { fixedClock } from '../../src/platform/clock.js';
import { sha256 } from '../../src/platform/db/ids.js';
import { describeEachDatabase, json, succeeded, type TestApp } from '../support/app.js';
import { ApiClient, newPerson, signUp, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { pagesAs } from '../support/live-people.js';
import { startSmtp } from '../support/smtp.js';

/**
 * A way back from a forgotten password, over a real SMTP server: the same answer whether or not
 * the email has an account, a link that works once and for an hour, stored only as a hash, never
 * in a log or a Referer; using it ends every session and loses nothing the person wrote.
 */
const smtp = await startSmtp();
after(() => smtp.close());
const clock = fixedClock(new Date('2026-03-02T10:00:00Z'));
const logs: string[] = [];
const LINK = /http:\/\/localhost:\d+\/reset-password\/([A-Za-z0-9_-]{43})/;
const NEW_PASSWORD = 'a fresh orchard lantern at dusk';

/** The token of the link in a message (quoted-printable may wrap it). */
const tokenIn = (data: string): string => LINK.exec(data.replace(/=\r?\n/g, ''))![1]!;

/** Asks for a link through the API and returns the token of the email that brings it. */
async function linkFor(app: TestApp['app'], person: Person): Promise<string> {
  const skip = smtp.countTo(person.email);
  await succeeded(new ApiClient(app).post('/api/v1/password-resets', { email: person.email.toUpperCase() }), 'ask for a link');
  return tokenIn((await smtp.messageTo(person.email, skip)).data);
}

describeEachDatabase(
  'forgotten password over real SMTP',
  (get) => {
    test('the answer is the same whether or not the email has an account; the link is stored only hashed', async () => {
      const { app } = get();
      const person = await signUp(app, 'Tess');
      const anon = new ApiClient(app);
      const unknown = `nobody.${Date.now()}@example.org`;
      const answers = [
        await anon.post('/api/v1/password-resets', { email: person.email }),
        await anon.post('/api/v1/password-resets', { email: unknown }),
      ];
      for (const res of answers) assert.equal(res.statusCode, 202);
      assert.equal(answers[0]!.body, answers[1]!.body);

      const message = await smtp.messageTo(person.email);
      assert.match(message.data, /Subject: Choosing a new Mend password/);
      const token = tokenIn(message.data);
      assert.ok(!smtp.received.some((m) => m.to.includes(unknown)), 'nothing goes to an address without an account');

      const rows = (await sql<{ token_hash: string }>`select token_hash from password_resets`.execute(app.mend.store.db)).rows;
      assert.ok(
        rows.some((r) => r.token_hash === sha256(token)),
        'the hash is stored',
      );
      assert.ok(!JSON.stringify(rows).includes(token), 'the token is not');
    });

    test('a link sets the password once, ends every session and keeps what the person wrote', async () => {
      const { app } = get();
      const person = await signUp(app, 'Uma');
      const other = new ApiClient(
        app,
        json(await new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: person.password })).token,
      );
      const spaceId = json(await succeeded(person.api.post('/api/v1/spaces', { name: 'Mine' }), 'space')).space.id;
      await succeeded(
        person.api.put(`/api/v1/spaces/${spaceId}/checkins/2026-03-02`, {
          safety: 5,
          trust: 5,
          closeness: 5,
          note: { text: 'PRIVATE-CANARY-UMA', visibility: 'private' },
        }),
        'check-in',
      );

      const token = await linkFor(app, person);
      assert.ok(!smtp.received.some((m) => m.data.includes('PRIVATE-CANARY')), 'no email carries what anyone wrote');
      const weak = await new ApiClient(app).post(`/api/v1/password-resets/${token}`, { password: 'short' });
      assert.equal(weak.statusCode, 400);
      assert.equal(json(weak).error.code, 'weak_password');
      assert.ok(json(weak).error.details.password, 'the reason is named');
      const unasked = await new ApiClient(app).post(`/api/v1/password-resets/${token}`, { password: NEW_PASSWORD });
      assert.equal(unasked.statusCode, 400, 'neither the recovery code nor a choice to let the private writing go');
      assert.ok(json(unasked).error.details.recoveryCode);
      const wrong = await new ApiClient(app).post(`/api/v1/password-resets/${token}`, {
        password: NEW_PASSWORD,
        recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF',
      });
      assert.equal(wrong.statusCode, 400, 'a code that does not open the key');
      assert.match(json(wrong).error.details.recoveryCode, /does not open/);
      assert.ok(person.recoveryCode, 'sign-up gave the recovery code');
      assert.equal(
        (
          await new ApiClient(app).post(`/api/v1/password-resets/${token}`, {
            password: NEW_PASSWORD,
            recoveryCode: person.recoveryCode!.toLowerCase().replaceAll('-', ' '),
          })
        ).statusCode,
        204,
        'refused attempts did not use the link up; the code is read however it is typed',
      );

      for (const session of [person.api, other]) assert.equal((await session.get('/api/v1/me')).statusCode, 401, 'every session ended');
      assert.equal(
        (await new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: person.password })).statusCode,
        401,
        'the old password is gone',
      );
      const again = await new ApiClient(app).post(`/api/v1/password-resets/${token}`, { password: 'yet another lantern orchard' });
      assert.equal(again.statusCode, 404, 'the link works once');
      assert.equal(json(again).error.code, 'reset_link_unusable');

      const signedIn = new ApiClient(
        app,
        json(await succeeded(new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: NEW_PASSWORD }), 'sign in'))
          .token,
      );
      const checkins = await signedIn.get(`/api/v1/spaces/${spaceId}/checkins?from=2026-03-01&to=2026-03-03`);
      assert.ok(checkins.body.includes('PRIVATE-CANARY-UMA'), 'the private note is still there');
    });

    test('without the recovery code the private writing is let go, the shared kept, and a new code given once', async () => {
      const { app } = get();
      const person = await signUp(app, 'Ona');
      const spaceId = json(await succeeded(person.api.post('/api/v1/spaces', { name: 'Mine' }), 'space')).space.id;
      for (const [day, text, visibility] of [
        ['2026-03-01', 'PRIVATE-CANARY-ONA', 'private'],
        ['2026-03-02', 'SHARED-WORDS-ONA', 'shared'],
      ] as const)
        await succeeded(
          person.api.put(`/api/v1/spaces/${spaceId}/checkins/${day}`, { safety: 5, trust: 5, closeness: 5, note: { text, visibility } }),
          'check-in',
        );
      const token = await linkFor(app, person);
      const done = await new ApiClient(app).post(`/api/v1/password-resets/${token}`, { password: NEW_PASSWORD, letGo: true });
      assert.equal(done.statusCode, 204);
      const signedIn = json(
        await succeeded(new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: NEW_PASSWORD }), 'sign in'),
      );
      assert.match(signedIn.recoveryCode, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/, 'a new recovery code, given at the next sign-in');
      assert.notEqual(signedIn.recoveryCode, person.recoveryCode);
      const checkins = await new ApiClient(app, signedIn.token).get(`/api/v1/spaces/${spaceId}/checkins?from=2026-03-01&to=2026-03-04`);
      assert.equal(checkins.statusCode, 200);
      assert.ok(!checkins.body.includes('PRIVATE-CANARY-ONA'), 'the private note cannot be opened any more');
      assert.ok(checkins.body.includes('SHARED-WORDS-ONA'), 'the shared note is kept');
      await succeeded(new ApiClient(app, signedIn.token).post('/api/v1/me/recovery-code/kept'), 'kept');
      const later = json(
        await succeeded(new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: NEW_PASSWORD }), 'again'),
      );
      assert.equal(later.recoveryCode, undefined, 'once kept, a sign-in no longer answers it');
    });

    test('a link works for an hour', async () => {
      const { app } = get();
      const person = await signUp(app, 'Vik');
      const token = await linkFor(app, person);
      clock.advance(61 * 60 * 1000);
      const late = await new ApiClient(app).post(`/api/v1/password-resets/${token}`, { password: NEW_PASSWORD });
      assert.equal(late.statusCode, 404);
      assert.equal(
        (await new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: person.password })).statusCode,
        201,
        'the password is unchanged',
      );
    });

    test('requests are limited per email alike for accounts and strangers; wrong links per address', async () => {
      const { app } = get();
      const person = await signUp(app, 'Wren');
      const ask = (email: string, i: number) =>
        app.inject({ method: 'POST', url: '/api/v1/password-resets', remoteAddress: `203.0.113.${i}`, payload: { email } });
      for (const email of [person.email, `stranger.${Date.now()}@example.org`]) {
        const answers = [];
        for (let i = 0; i < 6; i++) answers.push((await ask(email, i)).statusCode);
        assert.deepEqual(answers, [202, 202, 202, 202, 202, 429], email === person.email ? 'an account' : 'a stranger');
      }
      const codes = [];
      for (let i = 0; i < 21; i++) {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/password-resets/${'x'.repeat(43)}`,
          remoteAddress: '203.0.113.99',
          payload: { password: NEW_PASSWORD },
        });
        codes.push(res.statusCode);
      }
      assert.equal(codes.at(-1), 429, 'guessing links is limited');
      assert.ok(codes.slice(0, 20).every((c) => c === 404));
    });

    test('the link page keeps the token out of Referer, caches and logs; the flow works without JavaScript', async () => {
      const { app } = get();
      const person = await signUp(app, 'Xan');
      const browser = new PageClient(app);
      assert.match((await browser.get('/sign-in')).body, /href="\/forgot-password">Forgot your password\?/);
      assert.match((await browser.get('/forgot-password')).body, /name="email"/);
      const requested = await browser.post('/forgot-password', { email: person.email });
      assert.equal(requested.statusCode, 200);
      assert.match(requested.body, /Check your email/);
      const token = tokenIn((await smtp.messageTo(person.email)).data);

      const page = await browser.get(`/reset-password/${token}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /name="recoveryCode"/);
      assert.match(page.body, /cannot be opened again by anyone/, 'what going on without the code costs is said before anything changes');
      assert.equal(page.headers['referrer-policy'], 'no-referrer');
      assert.equal(page.headers['cache-control'], 'no-store');
      const weak = await browser.post(`/reset-password/${token}`, { password: 'password1234' });
      assert.equal(weak.statusCode, 400);
      assert.match(weak.body, /class="field-error" id="field-password-error"/);
      const unasked = await browser.post(`/reset-password/${token}`, { password: NEW_PASSWORD });
      assert.equal(unasked.statusCode, 400);
      assert.match(unasked.body, /id="field-recoveryCode-error"/);
      const done = await browser.post(`/reset-password/${token}`, { password: NEW_PASSWORD, recoveryCode: person.recoveryCode! });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/sign-in?done=reset');
      assert.match((await browser.get('/sign-in?done=reset')).body, /Your new password is saved/);
      assert.equal((await browser.post('/sign-in', { email: person.email, password: NEW_PASSWORD })).statusCode, 303);
      const spent = await browser.get(`/reset-password/${token}`);
      assert.equal(spent.statusCode, 404);
      assert.match(spent.body, /This link no longer works/);

      assert.ok(logs.length > 0, 'the app logged');
      for (const line of logs)
        assert.ok(!line.includes(token) && !line.includes(person.email), `no token or email in: ${line.slice(0, 200)}`);
    });

    test('a disabled account gets no link, and a link made before it was disabled no longer works', async () => {
      const { app } = get();
      const person = await signUp(app, 'Zed');
      const token = await linkFor(app, person);
      const account = await app.mend.accounts.byEmailForOperator(person.email);
      assert.ok(await app.mend.accounts.setDisabled(account!.id, true));

      const skip = smtp.countTo(person.email);
      const asked = await new ApiClient(app).post('/api/v1/password-resets', { email: person.email });
      assert.equal(asked.statusCode, 202, 'the same answer as for any address');
      const later = await signUp(app, 'Zed-later');
      await linkFor(app, later); // a message sent after Zed's request shows delivery has had its turn
      assert.equal(smtp.countTo(person.email), skip, 'no email goes to a disabled account');

      const page = await new PageClient(app).get(`/reset-password/${token}`);
      assert.equal(page.statusCode, 404, 'the earlier link says it no longer works');
      const used = await new ApiClient(app).post(`/api/v1/password-resets/${token}`, {
        password: NEW_PASSWORD,
        recoveryCode: person.recoveryCode!,
      });
      assert.equal(used.statusCode, 404);
      assert.equal(json(used).error.code, 'reset_link_unusable');
      assert.ok(await app.mend.accounts.setDisabled(account!.id, false));
      assert.equal(
        (await new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: person.password })).statusCode,
        201,
        'the password did not change',
      );
    });

    test('changing the password needs the current one and ends the other sessions only', async () => {
      const { app } = get();
      const person = await signUp(app, 'Yara');
      const other = new ApiClient(
        app,
        json(await new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: person.password })).token,
      );
      const wrong = await person.api.put('/api/v1/me/password', { currentPassword: 'not it at all, sorry', newPassword: NEW_PASSWORD });
      assert.equal(wrong.statusCode, 403);
      const weak = await person.api.put('/api/v1/me/password', { currentPassword: person.password, newPassword: person.email });
      assert.equal(weak.statusCode, 400);
      assert.ok(json(weak).error.details.newPassword);
      assert.equal(
        (await person.api.put('/api/v1/me/password', { currentPassword: person.password, newPassword: NEW_PASSWORD })).statusCode,
        204,
      );
      assert.equal((await person.api.get('/api/v1/me')).statusCode, 200, 'this session stays');
      assert.equal((await other.get('/api/v1/me')).statusCode, 401, 'the other one ended');
      assert.equal((await new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: NEW_PASSWORD })).statusCode, 201);

      // The same through the pages, without JavaScript.
      const pages = await pagesAs(app, { ...person, password: NEW_PASSWORD });
      assert.match((await pages.get('/account')).body, /href="\/account\/password"/);
      await pages.get('/account/password');
      const refused = await pages.post('/account/password', {
        currentPassword: 'not it at all, sorry',
        newPassword: 'another lantern orchard dusk',
      });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /id="field-currentPassword-error"/);
      const changed = await pages.post('/account/password', { currentPassword: NEW_PASSWORD, newPassword: 'another lantern orchard dusk' });
      assert.equal(changed.headers.location, '/account?done=password');
      assert.match((await pages.get('/account?done=password')).body, /Your new password is saved/);
      assert.equal((await person.api.get('/api/v1/me')).statusCode, 401, 'the API session ended with it');
    });
  },
  { clock, env: { ...smtp.env, LOG_LEVEL: 'info' }, logStream: { write: (line) => void logs.push(line) } },
);

describeEachDatabase('forgotten password without email', (get) => {
  test('the API answers alike and sends nothing; the page says who can help', async () => {
    const { app } = get();
    const person = newPerson('Zed');
    await succeeded(new ApiClient(app).post('/api/v1/accounts', person), 'sign up');
    assert.equal((await new ApiClient(app).post('/api/v1/password-resets', { email: person.email })).statusCode, 202);
    assert.equal(
      (await sql<{ n: number }>`select count(*) as n from password_resets`.execute(app.mend.store.db)).rows.map((r) => Number(r.n))[0],
      0,
    );
    const page = await new PageClient(app).get('/forgot-password');
    assert.match(page.body, /mend reset-password/);
    assert.ok(!page.body.includes('name="email"'), 'no form that would send nothing');
  });
});
