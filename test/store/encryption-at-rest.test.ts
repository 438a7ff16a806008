import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describeEachDatabase, json } from '../support/app.js';
import { signUp } from '../support/api-client.js';

/** Every value of every user table, as text: what someone holding a copy of the database sees. */
async function everyStoredValue(db: import('kysely').Kysely<any>): Promise<string> {
  const tables = (await db.introspection.getTables()).map((t) => t.name);
  const out: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    for (const row of rows) out.push(JSON.stringify(row));
  }
  return out.join('\n');
}

describeEachDatabase('encryption at rest', (get, dialect) => {
  test('a copy of the database reveals no entry, note, email, name or space name', async () => {
    const { app, database } = get();
    const person = await signUp(app, 'Marguerite Applewhite');
    const spaceName = 'The Lighthouse Keepers';
    const created = await person.api.post('/api/v1/spaces', { name: spaceName });
    assert.equal(json(created).space.name, spaceName, 'the API still reads it back');

    const spaceId = json(created).space.id;
    const today = new Date().toISOString().slice(0, 10);
    const journey = await person.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
      kind: 'lying',
      brokeTrust: [person.id],
      description: { text: 'Quixotic-Description-Words', visibility: 'private' },
    });
    assert.equal(journey.statusCode, 201, journey.body);
    const entry = await person.api.post(`/api/v1/journeys/${json(journey).journey.id}/entries`, {
      prompt: 'what_happened',
      text: 'Saffron-Entry-Words about the night',
      visibility: 'sealed',
    });
    assert.equal(entry.statusCode, 201, entry.body);
    await person.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
      safety: 5,
      trust: 5,
      closeness: 5,
      note: { text: 'Halcyon-Checkin-Words', visibility: 'private' },
    });
    await person.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {
      note: { text: 'Tamarind-Reassurance-Words', visibility: 'shared' },
    });

    const secrets = [
      person.email,
      person.email.split('@')[0]!,
      'Marguerite',
      'Applewhite',
      spaceName,
      person.password,
      'Quixotic-Description',
      'Saffron-Entry',
      'Halcyon-Checkin',
      'Tamarind-Reassurance',
    ];
    const dump = await everyStoredValue(app.mend.store.db);
    for (const secret of secrets) assert.ok(!dump.includes(secret), `${secret} is not stored in clear`);

    if (dialect === 'sqlite') {
      // The raw file and its write-ahead log, copied byte for byte, as a thief would.
      app.mend.store.sqlite!.pragma('wal_checkpoint(PASSIVE)');
      for (const file of ['mend.db', 'mend.db-wal']) {
        const full = path.join(database.dataDir, file);
        if (!fs.existsSync(full)) continue;
        const bytes = fs.readFileSync(full).toString('latin1');
        for (const secret of secrets) assert.ok(!bytes.includes(secret), `${secret} is not in ${file}`);
      }
    }
  });

  test('the key file is created with owner-only permissions', async () => {
    const { database } = get();
    const stat = fs.statSync(path.join(database.dataDir, 'mend.key'));
    assert.equal(stat.mode & 0o077, 0, 'no group or other access');
  });
});
