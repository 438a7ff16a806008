import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/app.js';
import { newPerson } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

describeEachDatabase('pages work without JavaScript', (get) => {
  test("the newcomer's path: sign up, create a space, invite, the partner joins, both see each other", async () => {
    const { app } = get();
    const alex = new PageClient(app);
    const alexPerson = newPerson('Alex');
    await alex.get('/sign-up');
    const signedUp = await alex.post('/sign-up', { ...alexPerson, timezone: 'Europe/London' });
    assert.equal(signedUp.statusCode, 303);
    assert.equal(signedUp.headers.location, '/account/recovery-code', 'the recovery code comes first (issue #23)');
    const codePage = await alex.get('/account/recovery-code');
    assert.equal(codePage.headers['cache-control'], 'no-store');
    assert.match(codePage.body, /<code>[0-9A-Z]{4}(-[0-9A-Z]{4}){5}<\/code>/);
    const kept = await alex.post('/account/recovery-code/kept', {});
    assert.equal(kept.headers.location, '/');
    assert.match((await alex.get('/account/recovery-code')).body, /Confirm your password to see it/, 'once kept, only after the password');
    const home = await alex.get('/');
    assert.match(home.body, /Create our space/);
    const created = await alex.post('/spaces', { name: 'Alex and Sam' });
    assert.equal(created.statusCode, 303);
    const spaceUrl = String(created.headers.location);
    const space = await alex.get(spaceUrl);
    assert.match(space.body, /You are here on your own for now/);
    const created303 = await alex.post(`${spaceUrl}/invitations`, {});
    assert.equal(created303.statusCode, 303, 'post, then redirect: a reload never makes a second invitation');
    const invitation = await alex.get(String(created303.headers.location));
    assert.equal(invitation.statusCode, 200);
    assert.equal(
      (await alex.get(String(created303.headers.location))).body.includes(/code=([^&]+)/.exec(String(created303.headers.location))![1]!),
      true,
      'reload shows the same code',
    );
    const link = /data-copy-source[^>]*value="([^"]+)"|value="([^"]+)"[^>]*data-copy-source/.exec(invitation.body);
    const url = new URL((link![1] ?? link![2])!);
    assert.match(url.pathname, /^\/join\//);

    const sam = new PageClient(app);
    const preview = await sam.get(url.pathname);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Alex invited you to Mend/);
    const signUpLink = /href="(\/sign-up\?next=[^"]+)"/.exec(preview.body)![1]!;
    await sam.get(signUpLink.replace(/&amp;/g, '&'));
    const samPerson = newPerson('Sam');
    const samSignedUp = await sam.post('/sign-up', { ...samPerson, timezone: 'UTC', next: url.pathname });
    assert.equal(samSignedUp.headers.location, `/account/recovery-code?next=${encodeURIComponent(url.pathname)}`);
    await sam.get(String(samSignedUp.headers.location));
    const samKept = await sam.post('/account/recovery-code/kept', { next: url.pathname });
    assert.equal(samKept.headers.location, url.pathname, 'back to the invitation after signing up and keeping the code');
    await sam.get(url.pathname);
    const joined = await sam.post(url.pathname, {});
    assert.equal(joined.statusCode, 303);
    assert.equal(joined.headers.location, spaceUrl);

    const samView = await sam.get(spaceUrl);
    assert.match(samView.body, /You and Alex share this space/);
    const alexView = await alex.get(spaceUrl);
    assert.match(alexView.body, /You and Sam share this space/);
  });

  test('a form without its CSRF token is refused and changes nothing', async () => {
    const { app } = get();
    const client = new PageClient(app);
    await client.get('/sign-up');
    const res = await client.post('/sign-up', { ...newPerson(), timezone: 'UTC' }, { withCsrf: false });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Please try that again/);
    const forged = await client.post('/sign-up', { ...newPerson(), timezone: 'UTC', _csrf: 'forged-token' }, { withCsrf: false });
    assert.equal(forged.statusCode, 403);
  });

  test('a signed-in person whose form token is refused still sees themselves signed in', async () => {
    const { app } = get();
    const client = new PageClient(app);
    await client.get('/sign-up');
    assert.equal((await client.post('/sign-up', { ...newPerson('Robin'), timezone: 'UTC' })).statusCode, 303);
    await client.get('/');
    const refused = await client.post('/spaces', { name: 'Robin and Kit', _csrf: 'forged-token' }, { withCsrf: false });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Please try that again/);
    assert.match(refused.body, /<a href="\/account">Robin<\/a>/, 'the header names who is signed in');
    assert.doesNotMatch(refused.body, /href="\/sign-in"/, 'not "Sign in" to someone who is');
  });

  test('sign-up errors are shown beside the fields, with what was typed kept (but not the password)', async () => {
    const { app } = get();
    const client = new PageClient(app);
    await client.get('/sign-up');
    const res = await client.post('/sign-up', { email: 'not-an-email', displayName: 'Robin <b>', password: 'short', timezone: 'UTC' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /Enter an email address like name@example.org/);
    assert.match(res.body, /value="Robin &lt;b&gt;"/, 'typed name kept and escaped');
    assert.doesNotMatch(res.body, /value="short"/);
    assert.match(res.body, /aria-invalid="true"/);
  });

  test('sign in and out with the session cookie; sessions page lists and revokes', async () => {
    const { app } = get();
    const person = newPerson('Kim');
    const first = new PageClient(app);
    await first.get('/sign-up');
    await first.post('/sign-up', { ...person, timezone: 'UTC' });
    const second = new PageClient(app);
    await second.get('/sign-in');
    const wrong = await second.post('/sign-in', { email: person.email, password: 'definitely not it' });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /do not match an account/);
    const right = await second.post('/sign-in', { email: person.email, password: person.password });
    assert.equal(right.statusCode, 303);
    const account = await second.get('/account');
    assert.equal(account.statusCode, 200);
    assert.equal((account.body.match(/<tr>/g) ?? []).length, 3, 'a header row and two sessions');
    const revokeUrl = /action="(\/account\/sessions\/[^"]+\/revoke)"/.exec(account.body)![1]!;
    assert.equal((await second.post(revokeUrl, {})).statusCode, 303);
    assert.equal((await first.get('/account')).statusCode, 303, 'the first browser was signed out');
    await second.get('/account');
    assert.equal((await second.post('/sign-out', {})).statusCode, 303);
    const after = await second.get('/account');
    assert.equal(after.statusCode, 303);
    assert.match(String(after.headers.location), /^\/sign-in\?next=/);
  });

  test('signed-out visitors are sent to sign in, and strangers cannot see a space page', async () => {
    const { app } = get();
    const owner = new PageClient(app);
    await owner.get('/sign-up');
    await owner.post('/sign-up', { ...newPerson('Owner'), timezone: 'UTC' });
    await owner.get('/');
    const spaceUrl = String((await owner.post('/spaces', {})).headers.location);
    const anonymous = new PageClient(app);
    assert.equal((await anonymous.get(spaceUrl)).statusCode, 303);
    const stranger = new PageClient(app);
    await stranger.get('/sign-up');
    await stranger.post('/sign-up', { ...newPerson('Stranger'), timezone: 'UTC' });
    const res = await stranger.get(spaceUrl);
    assert.equal(res.statusCode, 404);
    assert.doesNotMatch(res.body, /Owner/);
  });

  test('next= only ever leads to a page on this site', async () => {
    const { app } = get();
    const client = new PageClient(app);
    await client.get('/sign-up');
    const res = await client.post('/sign-up', { ...newPerson(), timezone: 'UTC', next: '//evil.example/phish' });
    assert.equal(res.headers.location, '/account/recovery-code', 'the recovery code first, and the target dropped');
  });
});
