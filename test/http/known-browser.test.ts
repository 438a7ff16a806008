import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, type Response } from '../support/app.js';
import { ApiClient, newPerson, signUp } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { pagesAs } from '../support/live-people.js';

/**
 * Nobody can lock a person out (OWASP's device cookies): wrong guesses from elsewhere lock the
 * account for everyone else, but a browser that signed in to it before keeps signing in, with a
 * small limit of its own.
 */
describeEachDatabase('a known browser is not locked out', (get) => {
  const signInPage = async (client: PageClient, person: { email: string }, password: string): Promise<Response> => {
    await client.get('/sign-in');
    return client.post('/sign-in', { email: person.email, password });
  };
  const deviceCookie = (client: PageClient) => Object.entries(client.cookies).find(([name]) => name.endsWith('mend_device'))?.[1];
  /** Wrong guesses until the answer is 429; fails when it never comes. */
  const guessUntilLimited = async (attempt: (i: number) => Promise<Response>): Promise<Response> => {
    for (let i = 0; i < 40; i++) {
      const res = await attempt(i);
      if (res.statusCode === 429) return res;
      assert.ok([401, 400].includes(res.statusCode), `a wrong guess is refused: ${res.statusCode}`);
    }
    assert.fail('never limited');
  };

  test("guesses from elsewhere do not lock the owner's browser out; the guesser stays limited", async () => {
    const owner = await signUp(get().app, 'Noor');
    const browser = await pagesAs(get().app, owner);
    assert.ok(deviceCookie(browser), 'signing in leaves a device cookie');
    assert.ok(
      !deviceCookie(browser)!.includes(owner.id) && !decodeURIComponent(deviceCookie(browser)!).includes(owner.email),
      'which names nobody',
    );
    delete browser.cookies.mend_session;

    const guesser = new ApiClient(get().app);
    const limited = await guessUntilLimited((i) =>
      guesser.post('/api/v1/sessions', { email: owner.email, password: `wrong guess number ${i}` }),
    );
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal(
      (await guesser.post('/api/v1/sessions', { email: owner.email, password: owner.password })).statusCode,
      429,
      'the guesser waits even with the right password',
    );
    const strangerBrowser = new PageClient(get().app);
    assert.equal((await signInPage(strangerBrowser, owner, owner.password)).statusCode, 429, 'so does any browser that never signed in');

    const ok = await signInPage(browser, owner, owner.password);
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    assert.equal((await browser.get('/account')).statusCode, 200, "the owner's browser is signed in");
    assert.equal(
      (await guesser.post('/api/v1/sessions', { email: owner.email, password: owner.password })).statusCode,
      429,
      "the owner's sign-in gave the guesser no fresh tries",
    );
  });

  test("another account's device cookie, or a forged one, does not help", async () => {
    const owner = await signUp(get().app, 'Ines');
    const other = await signUp(get().app, 'Olly');
    const guesser = await pagesAs(get().app, other);
    delete guesser.cookies.mend_session;
    await guessUntilLimited((i) => signInPage(guesser, owner, `wrong guess number ${i}`));
    assert.equal(
      (await signInPage(guesser, owner, owner.password)).statusCode,
      429,
      'a cookie for another account vouches for nothing here',
    );

    const known = await pagesAs(get().app, await signUp(get().app, 'Pia'));
    const name = Object.keys(known.cookies).find((n) => n.endsWith('mend_device'))!;
    const forged = new PageClient(get().app);
    forged.cookies[name] = known.cookies[name]!.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    assert.equal((await signInPage(forged, owner, owner.password)).statusCode, 429, 'a changed token is no token');
  });

  test('a known browser that keeps guessing is limited on its own', async () => {
    const owner = await signUp(get().app, 'Remy');
    const browser = await pagesAs(get().app, owner);
    delete browser.cookies.mend_session;
    await guessUntilLimited((i) => signInPage(browser, owner, `wrong guess number ${i}`));
    assert.equal((await signInPage(browser, owner, owner.password)).statusCode, 429);
    assert.equal(
      (await new ApiClient(get().app).post('/api/v1/sessions', { email: owner.email, password: owner.password })).statusCode,
      201,
      "the browser's guesses did not lock the account for others",
    );
  });

  test('the browser an account was created in is known to it', async () => {
    const person = newPerson('Sol');
    const browser = new PageClient(get().app);
    await browser.get('/sign-up');
    assert.equal((await browser.post('/sign-up', { ...person, timezone: 'UTC' })).statusCode, 303);
    assert.ok(deviceCookie(browser), 'signing up leaves a device cookie');
    delete browser.cookies.mend_session;
    await guessUntilLimited((i) =>
      new ApiClient(get().app).post('/api/v1/sessions', { email: person.email, password: `wrong guess number ${i}` }),
    );
    assert.equal((await signInPage(browser, person, person.password)).statusCode, 303);
  });
});
