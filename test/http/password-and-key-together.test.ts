import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { ApiClient, signUp, type Person } from '../support/api-client.js';
import { cli } from '../support/cli.js';
import type { Dialect } from '../support/databases.js';
import { localDate } from '../../src/core/time.js';

/**
 * A new password and the personal key's wrap under it are written together (issue #23): when the
 * wrap cannot be written, the password stays as it was, so the person still signs in and still
 * opens their private texts. Written one after the other, a failure between the two left a
 * password that signed in but opened no key. The failure is made real with a trigger that refuses
 * any change to the person's key row.
 */

const today = (): string => localDate(new Date(), 'UTC');
const NEW_PASSWORD = 'a new lantern over the quiet harbour';

async function refuseKeyChanges(db: Kysely<Database>, dialect: Dialect, on: boolean): Promise<void> {
  if (dialect === 'sqlite') {
    if (on) {
      await sql`create trigger refuse_key_update before update on personal_keys begin select raise(abort, 'refused for the test'); end`.execute(
        db,
      );
      await sql`create trigger refuse_key_delete before delete on personal_keys begin select raise(abort, 'refused for the test'); end`.execute(
        db,
      );
    } else {
      await sql`drop trigger refuse_key_update`.execute(db);
      await sql`drop trigger refuse_key_delete`.execute(db);
    }
    return;
  }
  if (on) {
    await sql`create function refuse_key_change() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`.execute(
      db,
    );
    await sql`create trigger refuse_key_change before update or delete on personal_keys for each row execute function refuse_key_change()`.execute(
      db,
    );
  } else {
    await sql`drop trigger refuse_key_change on personal_keys`.execute(db);
    await sql`drop function refuse_key_change()`.execute(db);
  }
}

async function privateNote(person: Person, spaceId: string, text: string): Promise<void> {
  await succeeded(
    person.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
      safety: 5,
      trust: 5,
      closeness: 5,
      note: { text, visibility: 'private' },
    }),
    'check-in',
  );
}

async function readsNote(app: ApiClient['app'], person: Person, password: string, spaceId: string, text: string): Promise<void> {
  const signedIn = await new ApiClient(app).post('/api/v1/sessions', { email: person.email, password });
  assert.equal(signedIn.statusCode, 201, `signs in with the password it had: ${signedIn.body}`);
  const api = new ApiClient(app, json(signedIn).token);
  const checkins = await succeeded(api.get(`/api/v1/spaces/${spaceId}/checkins?from=${today()}&to=${today()}`), 'check-ins');
  assert.ok(checkins.body.includes(text), 'and reads its private note');
}

describeEachDatabase('a lock of private writing that does not open with the right password', (get) => {
  test('sign-in is refused calmly, pointing to the recovery code, not a 500', async () => {
    const { app } = get();
    const person = await signUp(app, 'Lia');
    await sql`update personal_keys set password_salt = ${'AAAAAAAAAAAAAAAAAAAAAA'} where account_id = ${person.id}`.execute(
      app.mend.store.db,
    );
    const res = await new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: person.password });
    assert.equal(res.statusCode, 403, res.body);
    assert.match(JSON.parse(res.body).error.message, /recovery code/);
  });
});

describeEachDatabase('a new password is written together with the key wrapped under it', (get, dialect) => {
  test('a password change whose wrap fails changes nothing', async () => {
    const { app } = get();
    const person = await signUp(app, 'Noor');
    const spaceId = json(await succeeded(person.api.post('/api/v1/spaces', { name: 'Mine' }), 'space')).space.id as string;
    await privateNote(person, spaceId, 'PRIVATE-NOTE-NOOR');
    await refuseKeyChanges(app.mend.store.db, dialect, true);
    try {
      const change = await person.api.put('/api/v1/me/password', { currentPassword: person.password, newPassword: NEW_PASSWORD });
      assert.ok(change.statusCode >= 500, `the change fails: ${change.statusCode}`);
    } finally {
      await refuseKeyChanges(app.mend.store.db, dialect, false);
    }
    assert.equal((await new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: NEW_PASSWORD })).statusCode, 401);
    await readsNote(app, person, person.password, spaceId, 'PRIVATE-NOTE-NOOR');
  });

  test('a reset whose new key or wrap fails keeps the old password', async () => {
    const { app, database } = get();
    const env = {
      MEND_DATA_DIR: database.dataDir,
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      LOG_LEVEL: 'silent',
    };
    const person = await signUp(app, 'Omar');
    const spaceId = json(await succeeded(person.api.post('/api/v1/spaces', { name: 'Mine' }), 'space')).space.id as string;
    await privateNote(person, spaceId, 'PRIVATE-NOTE-OMAR');
    for (const writing of [{ recoveryCode: person.recoveryCode }, { letGo: true }]) {
      const link = await cli(['reset-password', person.email], env);
      const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(link.out)![1]!;
      await refuseKeyChanges(app.mend.store.db, dialect, true);
      try {
        const reset = await new ApiClient(app).post(`/api/v1/password-resets/${token}`, { password: NEW_PASSWORD, ...writing });
        assert.ok(reset.statusCode >= 500, `the reset fails: ${reset.statusCode}`);
      } finally {
        await refuseKeyChanges(app.mend.store.db, dialect, false);
      }
      await readsNote(app, person, person.password, spaceId, 'PRIVATE-NOTE-OMAR');
    }
  });
});
