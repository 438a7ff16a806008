import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json, succeeded, type TestApp } from '../support/app.js';
import { signUp } from '../support/api-client.js';
import { cli } from '../support/cli.js';
import { PageClient } from '../support/browser-less.js';

/**
 * The operator's commands (issue #21): `mend accounts list|show|disable|enable|delete` and
 * `mend stats`, on both databases, with every refusal; and that no command ever prints a word a
 * person wrote, found by a canary written everywhere a person writes.
 */

const CANARY = 'Zebracanary';

const envOf = (t: TestApp): Record<string, string> => ({
  MEND_DATA_DIR: t.database.dataDir,
  ...(t.database.databaseUrl ? { DATABASE_URL: t.database.databaseUrl } : {}),
});

describeEachDatabase('mend accounts and mend stats', (get, dialect) => {
  const printed: string[] = [];
  const mend = async (args: string[]) => {
    const result = await cli(args, envOf(get()));
    printed.push(result.out, result.err);
    return result;
  };

  /** A couple where each has written the canary everywhere they can: names, space, check-in, journey, agreement. */
  const writtenCouple = async () => {
    const { app } = get();
    // Names the emails are not made from (newPerson): an email is what the operator finds a person by.
    const a = await signUp(app, 'Alex', { displayName: `${CANARY}a` });
    const b = await signUp(app, 'Sam', { displayName: `${CANARY}b` });
    const spaceId = json(await succeeded(a.api.post('/api/v1/spaces', { name: `${CANARY} space` }), 'space')).space.id as string;
    const code = json(await succeeded(a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {}), 'invitation')).invitation.code as string;
    await succeeded(b.api.post(`/api/v1/invitations/${code}/accept`), 'join');
    const today = new Date().toISOString().slice(0, 10);
    await succeeded(
      a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
        safety: 6,
        trust: 5,
        closeness: 4,
        note: { text: `${CANARY} private check-in`, visibility: 'private' },
      }),
      'check-in',
    );
    await succeeded(
      a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text: `${CANARY} agreement`, committedBy: [a.id], cadence: 'daily' }),
      'agreement',
    );
    const breach = await succeeded(
      b.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
        kind: 'lying',
        brokeTrust: [a.id],
        description: { text: `${CANARY} breach`, visibility: 'shared' },
      }),
      'breach',
    );
    const journeyId = json(breach).journey.id as string;
    await succeeded(
      a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: `${CANARY} sealed`, visibility: 'sealed' }),
      'journey entry',
    );
    return { a, b, spaceId };
  };

  test('list and show give emails, counts and dates', async () => {
    const { a, b } = await writtenCouple();
    const list = await mend(['accounts', 'list']);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /^EMAIL\s+CREATED\s+LAST SEEN\s+DISABLED\s+SPACES$/m);
    for (const person of [a, b]) {
      const row = list.out.split('\n').find((l) => l.startsWith(person.email));
      assert.ok(row, `${person.email} is listed`);
      assert.match(row, /\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+no\s+1$/);
    }
    assert.match(list.out, /\d+ accounts\.\n$/);

    const show = await mend(['accounts', 'show', a.email.toUpperCase()]);
    assert.equal(show.code, 0, show.err);
    assert.match(show.out, new RegExp(`^Email: +${a.email.replace(/[.+]/g, '\\$&')}$`, 'm'));
    assert.match(show.out, /^Spaces as a partner: +1$/m);
    assert.match(show.out, /^Check-ins: +1 \(last on \d{4}-\d\d-\d\d\)$/m);
    assert.match(show.out, /^Journey entries: +1$/m);
    assert.match(show.out, /^Agreements proposed: +1$/m);
    assert.match(show.out, /^Sessions: +1$/m);
    assert.match(show.out, /^Disabled: +no$/m);
  });

  test('disable ends every session and refuses sign-in calmly; enable lets the person back', async () => {
    const { app } = get();
    const { a, b, spaceId } = await writtenCouple();
    const disabled = await mend(['accounts', 'disable', b.email]);
    assert.equal(disabled.code, 0, disabled.err);
    assert.match(disabled.out, /can no longer sign in/);
    assert.equal((await b.api.get('/api/v1/me')).statusCode, 401, 'the bearer session ended');

    const signIn = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: b.email, password }),
      });
    const refused = await signIn(b.password);
    assert.equal(refused.statusCode, 403);
    assert.match(json(refused).error.message, /cannot be signed in to at the moment/);
    const page = new PageClient(app);
    await page.get('/sign-in');
    const onPage = await page.post('/sign-in', { email: b.email, password: b.password });
    assert.equal(onPage.statusCode, 403);
    assert.match(
      onPage.body,
      /cannot be signed in to at the moment\. If you think this is a mistake, please ask the person who runs this Mend\./,
    );
    const wrong = await signIn('not the password at all');
    assert.equal(wrong.statusCode, 401, 'a wrong password learns nothing about the account');
    assert.equal(json(wrong).error.code, 'invalid_credentials');

    // The partner's space is as it was: no notice, and nothing of b's private writing.
    const space = await a.api.get(`/api/v1/spaces/${spaceId}`);
    assert.equal(space.statusCode, 200);
    const notifications = await a.api.get('/api/v1/notifications');
    assert.ok(!notifications.body.includes('disabled'), 'the partner is not told');

    const listed = await mend(['accounts', 'list']);
    assert.match(
      listed.out.split('\n').find((l) => l.startsWith(b.email))!,
      /UTC\s+1$/,
    );
    assert.doesNotMatch(
      listed.out.split('\n').find((l) => l.startsWith(b.email))!,
      /\sno\s+1$/,
    );

    const enabled = await mend(['accounts', 'enable', b.email]);
    assert.equal(enabled.code, 0, enabled.err);
    assert.equal((await signIn(b.password)).statusCode, 201);
  });

  test('delete hands the space over exactly as when the person deletes themselves, and asks first', async () => {
    const { a, b, spaceId } = await writtenCouple();
    const unconfirmed = await mend(['accounts', 'delete', b.email]);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.err, /add --yes\. Nothing was changed/);
    assert.equal((await b.api.get('/api/v1/me')).statusCode, 200, 'nothing was deleted');

    const deleted = await mend(['accounts', 'delete', b.email, '--yes']);
    assert.equal(deleted.code, 0, deleted.err);
    assert.equal((await b.api.get('/api/v1/me')).statusCode, 401);
    const told = await get()
      .app.mend.store.db.selectFrom('notifications')
      .select(['space_id', 'actor_id'])
      .where('account_id', '=', a.id)
      .where('type', '=', 'partner_deleted_account')
      .execute();
    assert.deepEqual(told, [{ space_id: spaceId, actor_id: null }], 'the partner is told as when a person deletes their own account');
    assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 200, 'the partner keeps the space');
    const list = await mend(['accounts', 'list']);
    assert.ok(!list.out.includes(b.email));
    assert.ok(list.out.includes(a.email));
  });

  test('every refusal: unknown email, malformed email, unknown subcommand, missing or extra arguments', async () => {
    const person = await signUp(get().app, 'Refusals');
    const cases: Array<[string[], number, RegExp]> = [
      [['accounts'], 2, /Usage: mend accounts/],
      [['accounts', 'frobnicate'], 2, /unknown subcommand "frobnicate"/],
      [['accounts', 'show'], 2, /Usage: mend accounts show <email>/],
      [['accounts', 'show', 'not-an-email'], 2, /not an email address/],
      [['accounts', 'disable', 'nobody.here@example.org'], 1, /no account with that email\. Nothing was changed/],
      [['accounts', 'enable', 'nobody.here@example.org'], 1, /no account with that email/],
      [['accounts', 'delete', 'nobody.here@example.org', '--yes'], 1, /no account with that email/],
      [['accounts', 'show', person.email, 'extra'], 2, /Usage/],
      [['accounts', 'list', 'extra'], 2, /Usage/],
      [['accounts', 'disable', person.email, '--yes'], 2, /Usage/],
      [['stats', 'extra'], 2, /Usage: mend stats/],
    ];
    for (const [args, code, message] of cases) {
      const result = await mend(args);
      assert.equal(result.code, code, `mend ${args.join(' ')}: ${result.err}`);
      assert.match(result.err, message, `mend ${args.join(' ')}`);
      assert.equal(result.out, '', `mend ${args.join(' ')} prints nothing on standard output`);
      assert.ok(!result.err.includes('nobody.here'), 'an email that matches nothing is not repeated');
    }
    assert.equal((await person.api.get('/api/v1/me')).statusCode, 200, 'no refusal changed anything');
  });

  test('stats counts accounts and spaces and gives the database size', async () => {
    await writtenCouple();
    const stats = await mend(['stats']);
    assert.equal(stats.code, 0, stats.err);
    assert.match(stats.out, /^Accounts: +\d+ \(\d+ disabled\)$/m);
    assert.match(stats.out, /^Spaces: +\d+$/m);
    assert.match(
      stats.out,
      dialect === 'postgres' ? /^Database: +PostgreSQL, [\d.]+ (KiB|MiB)$/m : /^Database: +SQLite in .+, [\d.]+ (KiB|MiB)$/m,
    );
    assert.match(stats.out, dialect === 'postgres' ? /^Last backup: +not known/m : /^Last backup: +none made with mend backup$/m);
    if (dialect === 'sqlite') {
      const file = `${get().database.dataDir}/out/stats-backup.db`;
      assert.equal((await mend(['backup', file])).code, 0);
      assert.match((await mend(['stats'])).out, /^Last backup: +\d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);
    }
  });

  test('nothing anyone wrote appears in any command’s output', () => {
    assert.ok(printed.length > 20, 'the commands above ran');
    for (const text of printed) assert.ok(!text.toLowerCase().includes(CANARY.toLowerCase()), `no canary in: ${text.slice(0, 200)}`);
  });
});
