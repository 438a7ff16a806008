import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/app.js';
import { ApiClient, signUp } from '../support/api-client.js';
import { cli } from '../support/cli.js';

/** `mend reset-password <email>`: the operator's way back in when Mend sends no email. */
describeEachDatabase('mend reset-password', (get) => {
  const env = () => ({
    MEND_DATA_DIR: get().database.dataDir,
    ...(get().database.databaseUrl ? { DATABASE_URL: get().database.databaseUrl! } : {}),
    MEND_BASE_URL: 'https://mend.example.org',
    LOG_LEVEL: 'silent',
  });

  test('prints a one-time link under MEND_BASE_URL that sets a new password', async () => {
    const person = await signUp(get().app, 'Abel');
    const run = await cli(['reset-password', person.email], env());
    assert.equal(run.code, 0, run.err);
    const token = /https:\/\/mend\.example\.org\/reset-password\/([A-Za-z0-9_-]{43})/.exec(run.out)?.[1];
    assert.ok(token, run.out);
    assert.match(run.out, /recovery code/, 'the operator is told what the page will ask, and why');
    const api = new ApiClient(get().app);
    assert.equal(
      (await api.post(`/api/v1/password-resets/${token}`, { password: 'a fresh orchard lantern at dusk' })).statusCode,
      400,
      'the link behaves as any reset: the recovery code, or a choice to go on without it',
    );
    assert.equal(
      (
        await api.post(`/api/v1/password-resets/${token}`, {
          password: 'a fresh orchard lantern at dusk',
          recoveryCode: person.recoveryCode,
        })
      ).statusCode,
      204,
    );
    assert.equal((await person.api.get('/api/v1/me')).statusCode, 401, 'the old sessions ended');
    assert.equal(
      (await api.post('/api/v1/sessions', { email: person.email, password: 'a fresh orchard lantern at dusk' })).statusCode,
      201,
    );
    assert.equal(
      (await api.post(`/api/v1/password-resets/${token}`, { password: 'another lantern orchard dusk' })).statusCode,
      404,
      'once only',
    );
  });

  test('a disabled account gets no link: the operator is told to enable it first', async () => {
    const person = await signUp(get().app, 'Bo');
    assert.equal((await cli(['accounts', 'disable', person.email], env())).code, 0);
    const run = await cli(['reset-password', person.email], env());
    assert.equal(run.code, 1);
    assert.match(run.err, /disabled.*Enable it first/s);
    assert.doesNotMatch(run.out, /reset-password\//, 'no link is printed');
    assert.equal((await cli(['accounts', 'enable', person.email], env())).code, 0);
    assert.equal((await cli(['reset-password', person.email], env())).code, 0);
  });

  test('an unknown email and a missing one are refused plainly', async () => {
    const unknown = await cli(['reset-password', `nobody.${Date.now()}@example.org`], env());
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /no account with that email/);
    const missing = await cli(['reset-password'], env());
    assert.equal(missing.code, 2);
    assert.match(missing.err, /Usage: mend reset-password <email>/);
  });
});
