import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCREENING_QUESTION_IDS } from '../../src/core/safety/index.js';
import { describeEachDatabase, json } from '../support/app.js';
import { newPerson, signUp } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { pagesAs } from '../support/live-people.js';

/**
 * Issue #14 item 2: help for the person's own country comes first — asked at sign-up, going by
 * the time zone when unanswered — on the safety result and the support page, followed by a
 * country picker that is a plain GET form, then the explanations.
 */

const all = (answer: string) => Object.fromEntries(SCREENING_QUESTION_IDS.map((id) => [id, answer]));

/** Signs up through the page, as a browser without JavaScript would. */
async function signUpPage(client: PageClient, fields: Record<string, string>): Promise<{ statusCode: number; body: string }> {
  await client.get('/sign-up');
  return client.post('/sign-up', { ...newPerson('Sam'), ...fields });
}

/** Where the emergency number, the country picker and the explanation start on a page. */
function order(body: string, emergency: string): [number, number, number] {
  return [
    body.indexOf(`call <a href="tel:${emergency}">${emergency}</a>`),
    body.indexOf('<form method="get" action="/support"'),
    body.indexOf('If you feel afraid of your partner'),
  ];
}

describeEachDatabase('help for the person’s country first', (get) => {
  test('the sign-up page asks where the person lives, with another country among the choices, unanswered without JavaScript', async () => {
    const page = await new PageClient(get().app).get('/sign-up');
    assert.match(page.body, /<label for="field-country">Where you live<\/label>/);
    assert.match(page.body, /<select id="field-country" name="country"[^>]*data-country-picker/);
    assert.match(page.body, /<option value="" selected>Choose a country<\/option>/, 'no guess without the browser’s time zone');
    assert.match(page.body, /<option value="INTL">Another country<\/option>/);
    assert.match(page.body, /<option value="IE">Ireland<\/option>/);
  });

  test('sign-up stores the chosen country: the support page and settings lead with it', async () => {
    const client = new PageClient(get().app);
    const created = await signUpPage(client, { timezone: 'Europe/London', country: 'IE' });
    assert.equal(created.statusCode, 303, created.body);
    const support = await client.get('/support');
    assert.match(support.body, /People you can talk to in Ireland/);
    assert.match(support.body, /1800 341 900/);
    assert.doesNotMatch(support.body, /0808 2000 247/, 'the chosen country, not the time zone’s');
    assert.match((await client.get('/account/settings')).body, /<option value="IE" selected>Ireland<\/option>/);
  });

  test('"another country" is a choice of its own: 112 and the international directories', async () => {
    const client = new PageClient(get().app);
    assert.equal((await signUpPage(client, { timezone: 'Europe/London', country: 'INTL' })).statusCode, 303);
    const support = await client.get('/support');
    assert.match(support.body, /If you are in danger right now, call <a href="tel:112">112<\/a>/);
    assert.match(support.body, /Find A Helpline/);
    assert.match(support.body, /Hot Peach Pages/);
  });

  test('unanswered, the country goes by the time zone; from UTC it guesses nothing', async () => {
    const london = new PageClient(get().app);
    assert.equal((await signUpPage(london, { timezone: 'Europe/London', country: '' })).statusCode, 303);
    assert.match((await london.get('/support')).body, /People you can talk to in the United Kingdom[\s\S]*0808 2000 247/);
    assert.match((await london.get('/account/settings')).body, /<option value="" selected>Not chosen: go by my time zone<\/option>/);

    const utc = new PageClient(get().app);
    assert.equal((await signUpPage(utc, { timezone: 'UTC' })).statusCode, 303);
    const body = (await utc.get('/support')).body;
    assert.match(body, /tel:112/);
    assert.doesNotMatch(body, /People you can talk to in /, 'no country named on a guess');
  });

  test('a country that is not among the choices is refused beside the field', async () => {
    const refused = await signUpPage(new PageClient(get().app), { timezone: 'Europe/Warsaw', country: 'PL' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /id="field-country-error"[^>]*>.*Choose where you live from the list, or &quot;Another country&quot;\./s);
    const api = await get().app.inject({ method: 'POST', url: '/api/v1/accounts', payload: { ...newPerson(), country: 'PL' } });
    assert.equal(api.statusCode, 400);
    assert.ok(json(api).error.details.country);
    // Settings take the same choices as sign-up: a code that is not listed is refused, not kept.
    const person = await signUp(get().app, 'Sam', { timezone: 'Europe/Dublin' });
    const client = await pagesAs(get().app, person);
    await client.get('/account/settings');
    const settings = await client.post('/account/settings', { displayName: 'Sam', timezone: 'Europe/Dublin', country: 'ZZ' });
    assert.equal(settings.statusCode, 400);
    assert.match(settings.body, /Choose a country from the list\./);
    assert.doesNotMatch((await client.get('/account')).body, /ZZ/);
  });

  test('the safety result leads with the country’s emergency number and lines, then the picker, then the why', async () => {
    const client = new PageClient(get().app);
    await signUpPage(client, { timezone: 'America/Toronto', country: 'GB' });
    await client.get('/safety');
    const result = await client.post('/safety', { ...all('never'), afraid: 'sometimes' });
    assert.equal(result.statusCode, 200);
    const [emergency, picker, why] = [
      result.body.indexOf('call <a href="tel:999">999</a>'),
      result.body.indexOf('<form method="get" action="/support"'),
      result.body.indexOf('What this means'),
    ];
    assert.ok(emergency > 0 && emergency < picker && picker < why, `emergency ${emergency} < picker ${picker} < why ${why}`);
    assert.ok(result.body.indexOf('0808 2000 247') < picker, 'the hotlines before the picker');
    assert.match(result.body, /<option value="GB" selected>United Kingdom<\/option>/);
  });

  test('the support page: emergency and lines, then the picker, then the explanation; the picker works as a plain GET', async () => {
    const person = await signUp(get().app, 'Sam', { timezone: 'Australia/Sydney' });
    const client = await pagesAs(get().app, person);
    const own = (await client.get('/support')).body;
    const [emergency, picker, why] = order(own, '000');
    assert.ok(emergency > 0 && emergency < picker && picker < why, `${emergency} < ${picker} < ${why}`);
    assert.match(own, /1800RESPECT/);
    const germany = await client.get('/support?country=DE');
    assert.equal(germany.statusCode, 200);
    assert.match(germany.body, /People you can talk to in Germany/);
    assert.match(germany.body, /116 016/);
    assert.match(germany.body, /<option value="DE" selected>Germany<\/option>/);
    assert.match((await client.get('/support')).body, /1800RESPECT/, 'looking elsewhere changes nothing saved');
    assert.match((await client.get('/support?country=')).body, /1800RESPECT/, 'an empty choice is the person’s own country');
    const signedOut = await new PageClient(get().app).get('/support?country=ZA');
    assert.match(signedOut.body, /call <a href="tel:10111">10111<\/a>/);
  });

  test('the API answers with the person’s country and each entry’s source', async () => {
    const person = await signUp(get().app, 'Sam', { timezone: 'Europe/Dublin', country: 'NZ' });
    const screened = await person.api.post('/api/v1/me/safety-screenings', { answers: all('often') });
    assert.equal(json(screened).resources.country, 'NZ');
    assert.equal(json(screened).resources.emergencyNumber, '111');
    const unanswered = await signUp(get().app, 'Kim', { timezone: 'Europe/Dublin' });
    const support = json(await unanswered.api.get('/api/v1/support'));
    assert.equal(support.country, 'IE');
    for (const r of support.resources) assert.match(r.source.url, /^https?:\/\//, r.id);
  });
});
