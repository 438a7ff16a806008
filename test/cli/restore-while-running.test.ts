import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openStore } from '../../src/platform/db/database.js';
import { DataFolderBusyError, takeExclusively } from '../../src/platform/db/in-use-lock.js';
import { json, startTestApp } from '../support/app.js';
import { signUp } from '../support/api-client.js';
import { cli } from '../support/cli.js';
import { skipReason } from '../support/databases.js';
import { freePort, MendServer, MAIN } from '../../scripts/reliability/mend-server.js';

/**
 * `mend restore` under a running Mend used to exit 0 while the server went on answering 201 to
 * writes that vanished at its next restart. It must refuse while any process has the database
 * open, and a process killed with SIGKILL must not leave it refused for ever.
 */

const accounts = (dataDir: string): number => {
  const db = new SQLite(path.join(dataDir, 'mend.db'), { readonly: true });
  try {
    return db.prepare('select count(*) from accounts').pluck().get() as number;
  } finally {
    db.close();
  }
};

const setAside = (dataDir: string): string[] => fs.readdirSync(dataDir).filter((f) => f.includes('before-restore'));

test('restore refuses while a server in this process has the database open, and changes nothing', async () => {
  const running = await startTestApp('sqlite');
  const dataDir = running.database.dataDir;
  try {
    await signUp(running.app, 'Before');
    const backupFile = path.join(dataDir, 'out', 'backup.db');
    assert.equal((await cli(['backup', backupFile], { MEND_DATA_DIR: dataDir })).code, 0);
    const after = await signUp(running.app, 'After');

    const restore = await cli(['restore', backupFile], { MEND_DATA_DIR: dataDir });
    assert.equal(restore.code, 1, restore.out);
    assert.match(restore.err, /Mend is using this database/);
    assert.deepEqual(setAside(dataDir), [], 'the current database was not set aside');

    // The write acknowledged after the backup is still there and still served.
    const me = await after.api.get('/api/v1/me');
    assert.equal(me.statusCode, 200);
    assert.equal(json(me).account.displayName, 'After');
    assert.equal(accounts(dataDir), 2);
  } finally {
    await running.close();
  }
});

test(
  'restore refuses while the built server runs in another process, and goes ahead once it was killed with SIGKILL',
  { skip: !fs.existsSync(MAIN) && 'run `npm run build` first (npm test does)' },
  async () => {
    const seeded = await startTestApp('sqlite');
    const dataDir = seeded.database.dataDir;
    const backupFile = path.join(dataDir, 'out', 'backup.db');
    await signUp(seeded.app, 'Backed up');
    assert.equal((await cli(['backup', backupFile], { MEND_DATA_DIR: dataDir })).code, 0);
    await signUp(seeded.app, 'Not in the backup');
    await seeded.app.close();
    const server = new MendServer({ port: await freePort(), dataDir });
    try {
      await server.start();
      const refused = await cli(['restore', backupFile], { MEND_DATA_DIR: dataDir });
      assert.equal(refused.code, 1);
      assert.match(refused.err, /Stop every Mend process/);
      assert.equal(accounts(dataDir), 2);

      await server.kill('SIGKILL');
      const restored = await cli(['restore', backupFile], { MEND_DATA_DIR: dataDir });
      assert.equal(restored.code, 0, restored.err);
      assert.equal(setAside(dataDir).length, 1, 'the database of before is kept aside');
      assert.equal(accounts(dataDir), 1, 'the backup is in place');
    } finally {
      await server.kill('SIGKILL');
      await seeded.database.drop();
    }
  },
);

test('nothing opens the database while a restore holds the data folder', async () => {
  const running = await startTestApp('sqlite');
  const dataDir = running.database.dataDir;
  await running.app.close();
  const restoring = takeExclusively(dataDir);
  assert.ok(restoring, 'nobody has the database open any more');
  try {
    assert.throws(
      () => openStore({ databaseUrl: null, dataDir }),
      (error: unknown) => error instanceof DataFolderBusyError && /mend restore/.test(error.message),
    );
  } finally {
    restoring.release();
  }
  const store = openStore({ databaseUrl: null, dataDir });
  await store.close();
  await running.database.drop();
});

test('on PostgreSQL, restore refuses while a Mend server is connected to the database, and gives the pg_restore advice once none is', async (t) => {
  const skip = await skipReason('postgres');
  if (skip) return t.skip(skip);
  const running = await startTestApp('postgres');
  const databaseUrl = running.database.databaseUrl!;
  try {
    await signUp(running.app, 'Connected');
    const refused = await cli(['restore', 'mend.dump'], { DATABASE_URL: databaseUrl });
    assert.equal(refused.code, 1);
    assert.match(refused.err, /connection\(s\) from running Mend servers/);
    assert.match(refused.err, /pg_restore --clean --if-exists/);
    await running.app.close();
    // A backend leaves pg_stat_activity a moment after its client hung up.
    let advised = await cli(['restore', 'mend.dump'], { DATABASE_URL: databaseUrl });
    for (let tries = 0; /running Mend servers/.test(advised.err) && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      advised = await cli(['restore', 'mend.dump'], { DATABASE_URL: databaseUrl });
    }
    assert.doesNotMatch(advised.err, /running Mend servers/);
    // Mend restores nothing on PostgreSQL: it prints the command and exits non-zero all the same.
    assert.equal(advised.code, 1, advised.err);
    assert.match(advised.err, /pg_restore --clean --if-exists --no-owner --dbname "\$DATABASE_URL" mend\.dump/);
  } finally {
    await running.app.close();
    await running.database.drop();
  }
});
