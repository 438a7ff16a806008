// The key is never silently replaced (docs/encryption.md, "When Mend refuses to start"): with
// encrypted values in the database under key ids the key ring lacks, Mend does not start and
// says which keys and where it looked; a new key is made only for an empty database.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/platform/config.js';
import { buildApp } from '../../src/app.js';
import { KeyringError, keyFilePath } from '../../src/platform/vault/index.js';
import { recordedKeyIds } from '../../src/platform/vault/encryption-keys.js';
import { signUp } from '../support/api-client.js';
import { cli } from '../support/cli.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';

const start = async (database: TestDatabase, env: Record<string, string> = {}, dataDir = database.dataDir) => {
  const lines: string[] = [];
  const config = loadConfig({
    MEND_DATA_DIR: dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    LOG_LEVEL: 'info',
    ...env,
  });
  const app = await buildApp(config, { logStream: { write: (line) => void lines.push(line) } });
  await app.ready();
  return { app, log: () => lines.join('') };
};

/** What buildApp threw: it must be the refusal. */
async function refusal(pending: Promise<unknown>): Promise<KeyringError> {
  try {
    await pending;
  } catch (error) {
    assert.ok(error instanceof KeyringError, String(error));
    assert.equal(error.code, 'keys_missing');
    return error;
  }
  assert.fail('Mend started');
}

const envKey = () => `kother:${randomBytes(32).toString('base64')}`;

for (const dialect of DIALECTS) {
  describe(`the key at start-up [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    const databases: TestDatabase[] = [];
    const fresh = async () => {
      const database = await createTestDatabase(dialect);
      databases.push(database);
      return database;
    };
    /** A database with one account in it, written under the key file Mend created; the app is closed. */
    const withData = async () => {
      const database = await fresh();
      const { app } = await start(database);
      await signUp(app, 'Alex');
      const keyId = app.mend.encryption.keyring.currentKeyId;
      await app.close();
      return { database, keyId };
    };
    after(async () => {
      for (const d of databases) await d.drop();
    });

    test('an empty database gets a new key, recorded, with a log line telling the operator to back it up', { skip }, async () => {
      const database = await fresh();
      const { app, log } = await start(database);
      try {
        const keyId = app.mend.encryption.keyring.currentKeyId;
        assert.ok(fs.existsSync(keyFilePath(database.dataDir)));
        assert.match(log(), /Created a new encryption key in .*mend\.key\. Back this file up now/);
        assert.ok(log().includes(keyId));
        assert.deepEqual(await recordedKeyIds(app.mend.store.db), [keyId]);
        assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
      } finally {
        await app.close();
      }
    });

    test(
      'a missing key file with data present: refused, naming the key and where keys are looked for; no new key is made',
      { skip },
      async () => {
        const { database, keyId } = await withData();
        fs.rmSync(keyFilePath(database.dataDir));
        const error = await refusal(start(database));
        assert.ok(error.message.includes(keyId), error.message);
        assert.ok(error.message.includes(keyFilePath(database.dataDir)), error.message);
        assert.match(error.message, /MEND_ENCRYPTION_KEY is not set/);
        assert.ok(!fs.existsSync(keyFilePath(database.dataDir)), 'no key file was created');
      },
    );

    test('a different key (another server’s, in MEND_ENCRYPTION_KEY): refused, naming both', { skip }, async () => {
      const { database, keyId } = await withData();
      const error = await refusal(start(database, { MEND_ENCRYPTION_KEY: envKey() }));
      assert.ok(error.message.includes(keyId), error.message);
      assert.match(error.message, /read from MEND_ENCRYPTION_KEY, which holds kother/);
    });

    test('a different key file: refused', { skip }, async () => {
      const { database, keyId } = await withData();
      const other = await fresh();
      const started = await start(other);
      await started.app.close();
      fs.copyFileSync(keyFilePath(other.dataDir), keyFilePath(database.dataDir));
      const error = await refusal(start(database));
      assert.ok(error.message.includes(keyId), error.message);
      assert.match(error.message, /Keys are read from the key file/);
    });

    test('a backup restored without its key: refused', { skip }, async () => {
      const { database, keyId } = await withData();
      const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-restored-'));
      try {
        if (dialect === 'sqlite') {
          const file = path.join(elsewhere, 'backup', 'mend-backup.db');
          assert.equal((await cli(['backup', file], { MEND_DATA_DIR: database.dataDir })).code, 0);
          // The restore itself refuses first (issue #21): nothing is put in place that Mend could not read.
          const refused = await cli(['restore', file], { MEND_DATA_DIR: path.join(elsewhere, 'data') });
          assert.equal(refused.code, 1, refused.out);
          assert.match(refused.err, /no key to read it with/);
          assert.ok(!fs.existsSync(path.join(elsewhere, 'data', 'mend.db')), 'nothing was restored');
          // Restored anyway by hand, the server refuses to start too.
          fs.mkdirSync(path.join(elsewhere, 'data'), { recursive: true });
          fs.copyFileSync(file, path.join(elsewhere, 'data', 'mend.db'));
        }
        // On PostgreSQL the restored database is the same database, reached from a new machine's empty data folder.
        const error = await refusal(start(database, {}, path.join(elsewhere, 'data')));
        assert.ok(error.message.includes(keyId), error.message);
        assert.ok(!fs.existsSync(keyFilePath(path.join(elsewhere, 'data'))), 'no key file was created');
        // With its key put back, it starts.
        fs.mkdirSync(path.join(elsewhere, 'data'), { recursive: true });
        fs.copyFileSync(keyFilePath(database.dataDir), keyFilePath(path.join(elsewhere, 'data')));
        fs.chmodSync(keyFilePath(path.join(elsewhere, 'data')), 0o600);
        const { app } = await start(database, {}, path.join(elsewhere, 'data'));
        await app.close();
      } finally {
        fs.rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    test('a key recorded but never used (lost before anything was written) does not block a new key', { skip }, async () => {
      // With push on (the default), the first start also seals the instance's VAPID key under the
      // key that is then lost: that must not count as anyone's writing, and push gets a new pair.
      const database = await fresh();
      const first = await start(database);
      const lost = first.app.mend.encryption.keyring.currentKeyId;
      await first.app.close();
      fs.rmSync(keyFilePath(database.dataDir));
      const { app } = await start(database);
      try {
        const keyId = app.mend.encryption.keyring.currentKeyId;
        assert.notEqual(keyId, lost);
        assert.deepEqual(await recordedKeyIds(app.mend.store.db), [keyId], 'the unused key is forgotten');
        const vapid = await app.mend.store.db.selectFrom('vapid_keys').select('private_key_enc').executeTakeFirstOrThrow();
        assert.ok(vapid.private_key_enc.includes(`.${keyId}.`), 'push has a new key pair, sealed under the new key');
      } finally {
        await app.close();
      }
    });

    test('/readyz is not ready while the database records a key this server lacks', { skip }, async () => {
      const database = await fresh();
      const { app } = await start(database);
      const readyz = async (server: FastifyInstance) => server.inject({ method: 'GET', url: '/readyz' });
      try {
        assert.equal((await readyz(app)).statusCode, 200);
        await app.mend.store.db
          .insertInto('encryption_keys')
          .values({ key_id: 'kelsewhere', recorded_at: new Date().toISOString() })
          .execute();
        const res = await readyz(app);
        assert.equal(res.statusCode, 503);
        assert.deepEqual(res.json(), { status: 'unavailable', reason: 'keys_missing' });
      } finally {
        await app.close();
      }
    });
  });
}
