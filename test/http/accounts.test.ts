import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { ApiClient, newPerson, signUp } from '../support/api-client.js';

describeEachDatabase('accounts and sessions API', (get) => {
  test('sign up returns the account and a bearer token that works', async () => {
    const person = newPerson('Alex');
    const res = await new ApiClient(get().app).post('/api/v1/accounts', { ...person, timezone: 'Europe/Berlin' });
    assert.equal(res.statusCode, 201);
    const body = json(res);
    assert.equal(body.account.email, person.email);
    assert.equal(body.account.displayName, 'Alex');
    assert.equal(body.account.timezone, 'Europe/Berlin');
    assert.ok(Buffer.from(body.token, 'base64url').length >= 16, 'token carries at least 128 bits');
    const me = await new ApiClient(get().app, body.token).get('/api/v1/me');
    assert.equal(me.statusCode, 200);
    assert.deepEqual(json(me), { account: body.account, spaces: [] });
  });

  test('the same email cannot sign up twice, whatever its case', async () => {
    const person = newPerson('Jo');
    const api = new ApiClient(get().app);
    assert.equal((await api.post('/api/v1/accounts', person)).statusCode, 201);
    const again = await api.post('/api/v1/accounts', { ...person, email: person.email.toUpperCase() });
    assert.equal(again.statusCode, 409);
    assert.equal(json(again).error.code, 'email_taken');
  });

  test('weak, short, common and overlong passwords are refused with a reason in plain words', async () => {
    const api = new ApiClient(get().app);
    for (const password of ['short', 'password1234', 'x'.repeat(257)]) {
      const res = await api.post('/api/v1/accounts', { ...newPerson(), password });
      assert.equal(res.statusCode, 400, password.slice(0, 20));
      const body = json(res);
      assert.equal(body.error.code, 'weak_password');
      assert.ok(body.error.details.password.length > 10);
    }
  });

  test('invalid fields are named in details', async () => {
    const res = await new ApiClient(get().app).post('/api/v1/accounts', {
      email: 'nope',
      password: 'lantern orchard pebble',
      displayName: ' ',
      timezone: 'Mars/Base',
    });
    assert.equal(res.statusCode, 400);
    const { error } = json(res);
    assert.equal(error.code, 'invalid_input');
    assert.deepEqual(Object.keys(error.details).sort(), ['displayName', 'email', 'timezone']);
  });

  test('sign in gives a new token each time; unknown email and wrong password answer alike', async () => {
    const person = await signUp(get().app, 'Kim');
    const api = new ApiClient(get().app);
    const first = json(await api.post('/api/v1/sessions', { email: person.email, password: person.password }));
    const second = json(await api.post('/api/v1/sessions', { email: person.email, password: person.password }));
    assert.notEqual(first.token, second.token);
    assert.notEqual(first.token, person.api.token);
    const wrong = await api.post('/api/v1/sessions', { email: person.email, password: 'not the right one at all' });
    const unknown = await api.post('/api/v1/sessions', { email: `nobody-${Date.now()}@example.org`, password: 'not the right one at all' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(json(wrong), json(unknown));
    assert.equal(json(wrong).error.code, 'invalid_credentials');
  });

  test('sessions can be listed, revoked one by one, and all at once', async () => {
    const person = await signUp(get().app, 'Lee');
    const api = new ApiClient(get().app);
    const other = new ApiClient(
      get().app,
      json(await api.post('/api/v1/sessions', { email: person.email, password: person.password })).token,
    );
    const list = json(await person.api.get('/api/v1/sessions')).sessions as Array<{ id: string; current: boolean }>;
    assert.equal(list.length, 2);
    assert.equal(list.filter((s) => s.current).length, 1);
    const otherId = list.find((s) => !s.current)!.id;

    assert.equal((await person.api.delete(`/api/v1/sessions/${otherId}`)).statusCode, 204);
    assert.equal((await other.get('/api/v1/me')).statusCode, 401, 'a revoked session no longer works');
    assert.equal((await person.api.delete(`/api/v1/sessions/${otherId}`)).statusCode, 404);

    const third = new ApiClient(
      get().app,
      json(await api.post('/api/v1/sessions', { email: person.email, password: person.password })).token,
    );
    assert.equal((await third.delete('/api/v1/sessions')).statusCode, 204, 'sign out everywhere');
    assert.equal((await person.api.get('/api/v1/me')).statusCode, 401);
    assert.equal((await third.get('/api/v1/me')).statusCode, 401);
  });

  test('signing out the current session ends it', async () => {
    const person = await signUp(get().app);
    assert.equal((await person.api.delete('/api/v1/sessions/current')).statusCode, 204);
    assert.equal((await person.api.get('/api/v1/me')).statusCode, 401);
  });

  test("one person cannot revoke another person's session", async () => {
    const a = await signUp(get().app, 'Ana');
    const b = await signUp(get().app, 'Ben');
    const bSession = (json(await b.api.get('/api/v1/sessions')).sessions as Array<{ id: string }>)[0]!.id;
    assert.equal((await a.api.delete(`/api/v1/sessions/${bSession}`)).statusCode, 404);
    assert.equal((await b.api.get('/api/v1/me')).statusCode, 200);
  });

  test('sign-in is rate limited per account', async () => {
    const person = await signUp(get().app, 'Max');
    const api = new ApiClient(get().app);
    let limited = null;
    for (let i = 0; i < 15 && !limited; i++) {
      const res = await api.post('/api/v1/sessions', { email: person.email, password: `wrong guess number ${i}` });
      if (res.statusCode === 429) limited = res;
    }
    assert.ok(limited, 'the account was limited after repeated failures');
    assert.equal(json(limited).error.code, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const right = await api.post('/api/v1/sessions', { email: person.email, password: person.password });
    assert.equal(right.statusCode, 429, 'even the right password waits until the limit passes');
  });

  test('deleting the account needs the password and removes it', async () => {
    const person = await signUp(get().app, 'Ray');
    const wrong = await person.api.delete('/api/v1/me', { password: 'not my password at all' });
    assert.equal(wrong.statusCode, 403);
    assert.equal((await person.api.delete('/api/v1/me', { password: person.password })).statusCode, 204);
    const signIn = await new ApiClient(get().app).post('/api/v1/sessions', { email: person.email, password: person.password });
    assert.equal(signIn.statusCode, 401);
  });

  test("export holds the account's own data", async () => {
    const person = await signUp(get().app, 'Eve');
    const locked = await person.api.get('/api/v1/me/export');
    assert.equal(locked.statusCode, 403, 'export needs the password confirmed first');
    assert.equal(json(locked).error.code, 'reauthentication_required');
    assert.equal((await person.api.post('/api/v1/sessions/current/reauthenticate', { password: 'not it at all, sorry' })).statusCode, 403);
    assert.equal((await person.api.post('/api/v1/sessions/current/reauthenticate', { password: person.password })).statusCode, 204);
    const res = await person.api.get('/api/v1/me/export');
    assert.equal(res.statusCode, 200);
    const doc = json(res);
    assert.equal(doc.account.email, person.email);
    assert.ok(Array.isArray(doc.spaces));
    assert.equal((await new ApiClient(get().app).get('/api/v1/me/export')).statusCode, 401);
  });
});
