import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { ApiClient, newPerson } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

/**
 * MEND_SIGNUPS (issue #21): `closed` takes no new accounts, by the API or the page, and says so
 * calmly; `invite` takes one only with a usable invitation code, a partner's or a therapist's.
 * `open`, the default, is what every other suite runs with.
 */

/** Someone already on this Mend (made by the service, as the operator's Mend had them before the switch), with a space. */
async function member(app: FastifyInstance): Promise<{ api: ApiClient; spaceId: string; email: string; password: string }> {
  const person = newPerson('Member');
  const { token } = await app.mend.accounts.signUp(person, 'bearer');
  const api = new ApiClient(app, token);
  const spaceId = json(await succeeded(api.post('/api/v1/spaces', { name: 'Ours' }), 'space')).space.id as string;
  return { api, spaceId, email: person.email, password: person.password };
}

const invitation = async (api: ApiClient, spaceId: string, role: 'partner' | 'therapist'): Promise<string> =>
  json(await succeeded(api.post(`/api/v1/spaces/${spaceId}/invitations`, { role }), 'invitation')).invitation.code as string;

const accounts = async (app: FastifyInstance): Promise<number> =>
  Number(
    (
      await app.mend.store.db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachDatabase(
  'MEND_SIGNUPS=closed',
  (get) => {
    test('the API refuses with a clear error and creates nothing; people already here still sign in', async () => {
      const { app } = get();
      const existing = await member(app);
      const before = await accounts(app);
      const refused = await new ApiClient(app).post('/api/v1/accounts', newPerson('Late'));
      assert.equal(refused.statusCode, 403);
      assert.equal(json(refused).error.code, 'forbidden');
      assert.match(json(refused).error.message, /not taking new accounts at the moment/);
      assert.equal(await accounts(app), before);
      const signIn = await new ApiClient(app).post('/api/v1/sessions', { email: existing.email, password: existing.password });
      assert.equal(signIn.statusCode, 201);
    });

    test('the page has no form, only a calm message; a form posted anyway is refused the same way', async () => {
      const { app } = get();
      const before = await accounts(app);
      const page = new PageClient(app);
      const shown = await page.get('/sign-up');
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /<h1>Sign-ups are closed<\/h1>/);
      assert.match(shown.body, /not taking new accounts at the moment/);
      assert.doesNotMatch(shown.body, /action="\/sign-up"/);
      await page.get('/sign-in');
      const posted = await page.post('/sign-up', { ...newPerson('Late'), timezone: 'UTC' });
      assert.equal(posted.statusCode, 403);
      assert.match(posted.body, /<h1>Sign-ups are closed<\/h1>/);
      assert.doesNotMatch(posted.body, /action="\/sign-up"/);
      assert.equal(await accounts(app), before);
    });

    test('the welcome, sign-in and invitation pages offer signing in only, never a way that ends at a refusal', async () => {
      const { app } = get();
      const { api, spaceId } = await member(app);
      const code = await invitation(api, spaceId, 'partner');
      const page = new PageClient(app);
      const welcome = await page.get('/');
      assert.doesNotMatch(welcome.body, /href="\/sign-up/);
      const signIn = await page.get('/sign-in');
      assert.match(signIn.body, /action="\/sign-in"/);
      assert.doesNotMatch(signIn.body, /href="\/sign-up/, 'no "Create an account" that leads to a closed door');
      assert.match(welcome.body, /href="\/sign-in"/);
      const join = await page.get(`/join/${code}`);
      assert.equal(join.statusCode, 200);
      assert.doesNotMatch(join.body, /href="\/sign-up/);
      assert.match(join.body, /Sign in to join/);
      assert.match(join.body, /not taking new accounts at the moment/);
    });
  },
  { env: { MEND_SIGNUPS: 'closed' } },
);

describeEachDatabase(
  'MEND_SIGNUPS=invite',
  (get) => {
    test('the API needs a usable partner or therapist invitation code', async () => {
      const { app } = get();
      const { api, spaceId } = await member(app);
      const anonymous = new ApiClient(app);
      const none = await anonymous.post('/api/v1/accounts', newPerson('Nocode'));
      assert.equal(none.statusCode, 403);
      assert.match(json(none).error.message, /needs an invitation code/);
      assert.equal(json(none).error.details.invitationCode, 'Enter the invitation code you were given.');
      const wrong = await anonymous.post('/api/v1/accounts', { ...newPerson('Wrong'), invitationCode: 'AAAA-BBBB-CCCC-DDDD' });
      assert.equal(wrong.statusCode, 403);
      assert.match(json(wrong).error.details.invitationCode, /does not work/);

      const partnerCode = await invitation(api, spaceId, 'partner');
      const partner = await anonymous.post('/api/v1/accounts', { ...newPerson('Partner'), invitationCode: partnerCode });
      assert.equal(partner.statusCode, 201, partner.body);
      const partnerApi = new ApiClient(app, json(partner).token);
      assert.equal((await partnerApi.post(`/api/v1/invitations/${partnerCode}/accept`)).statusCode, 200, 'signing up did not use the code');
      const reused = await anonymous.post('/api/v1/accounts', { ...newPerson('Again'), invitationCode: partnerCode });
      assert.equal(reused.statusCode, 403, 'a used code opens no more sign-ups');

      const therapistCode = await invitation(api, spaceId, 'therapist');
      const therapist = await anonymous.post('/api/v1/accounts', { ...newPerson('Therapist'), invitationCode: therapistCode });
      assert.equal(therapist.statusCode, 201, therapist.body);
    });

    test('the page asks for the code first, fills it in from a joining link, and refuses a wrong one by its field', async () => {
      const { app } = get();
      const { api, spaceId } = await member(app);
      const code = await invitation(api, spaceId, 'partner');
      const page = new PageClient(app);
      const plain = await page.get('/sign-up');
      assert.match(plain.body, /<label[^>]*for="field-invitationCode"[^>]*>Invitation code<\/label>/);
      const wrong = await page.post('/sign-up', { ...newPerson('Wrong'), timezone: 'UTC', invitationCode: 'nope' });
      assert.equal(wrong.statusCode, 403);
      assert.match(wrong.body, /id="field-invitationCode-error"/);
      assert.match(wrong.body, /This code does not work/);

      const fromLink = await page.get(`/sign-up?next=${encodeURIComponent(`/join/${code}`)}`);
      assert.match(fromLink.body, new RegExp(`name="invitationCode"[^>]*value="${code}"|value="${code}"[^>]*name="invitationCode"`));
      const created = await page.post('/sign-up', { ...newPerson('Joiner'), timezone: 'UTC', invitationCode: code, next: `/join/${code}` });
      assert.equal(created.statusCode, 303);
      // The recovery code first (issue #23), then back to the invitation.
      assert.equal(created.headers.location, `/account/recovery-code?next=${encodeURIComponent(`/join/${code}`)}`);
    });
  },
  { env: { MEND_SIGNUPS: 'invite' } },
);
