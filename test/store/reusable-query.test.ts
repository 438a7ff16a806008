import { test } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { reusableQuery } from '../../src/platform/db/reusable-query.js';

interface Tables {
  people: { id: string; role: string; name: string };
}

async function people(): Promise<Kysely<Tables>> {
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  await sql`create table people (id text primary key, role text not null, name text not null)`.execute(db);
  await db
    .insertInto('people')
    .values([
      { id: 'a', role: 'partner', name: 'Ash' },
      { id: 'b', role: 'therapist', name: 'Bea' },
      { id: 'c', role: 'therapist', name: 'Cy' },
    ])
    .execute();
  return db;
}

test('a reusable query answers like the query built each time, keeping its constants', async () => {
  const db = await people();
  const byRoleNot = (role: string, id: string) =>
    db
      .selectFrom('people')
      .select(['id', 'name'])
      .where('role', '=', role)
      .where('id', '!=', id)
      .where('name', '!=', 'nobody')
      .orderBy('id');
  const reusable = reusableQuery(db, 2, byRoleNot);
  for (const [role, id] of [
    ['therapist', 'b'],
    ['therapist', 'x'],
    ['partner', 'b'],
    ['partner', 'a'],
    ['nobody', 'a'],
    ["' or 1=1 --", 'a'],
  ] as const) {
    assert.deepEqual(await reusable(role, id), await byRoleNot(role, id).execute(), `${role} ${id}`);
  }
  assert.deepEqual(await reusable('therapist', 'b'), [{ id: 'c', name: 'Cy' }]);
  await db.destroy();
});

test('an argument that does not become a bound parameter is refused', async () => {
  const db = await people();
  const inText = reusableQuery(db, 1, (id: string) =>
    db
      .selectFrom('people')
      .select('name')
      .where(sql.raw(`id = '${id}'`) as never),
  );
  await assert.rejects(inText('a'), /did not become a bound parameter/);
  const unused = reusableQuery(db, 2, (id: string, _other: string) => db.selectFrom('people').select('name').where('id', '=', id));
  await assert.rejects(unused('a', 'b'), /argument 1/);
  await db.destroy();
});
