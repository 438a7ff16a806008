import type { Config } from '../config.js';
import { KeyringError, keyFileExists, keyFilePath, loadKeyring, type Keyring } from './index.js';
import { bindCiphertexts, type BindReport } from './bind-ciphertexts.js';
import type { Store } from '../db/database.js';
import { keyIdsInUse, recordKeyId } from './encryption-keys.js';

/** A line for the operator's log, said once at start-up. Never user text. */
export interface StartNotice {
  level: 'info' | 'warn';
  message: string;
  fields?: Record<string, unknown>;
}

export interface EncryptionStart {
  keyring: Keyring;
  notices: StartNotice[];
  bound: BindReport;
}

type KeyConfig = Pick<Config, 'dataDir' | 'encryptionKey' | 'indexKey'>;

/**
 * The key ring for a migrated database, never silently replaced: a new key is created only when
 * there is none (no MEND_ENCRYPTION_KEY, no key file) AND the database holds no encrypted value.
 * When the database holds values under key ids the key ring lacks — the key file is missing,
 * another server's key is set, a backup was restored without its key — this throws a
 * `KeyringError('keys_missing')` naming those ids and where keys are looked for: the server must
 * not start (main.ts exits with it, so `/readyz` never answers ready). Then the current key is
 * recorded and old values are bound (bind-ciphertexts.ts).
 */
export async function startEncryption(
  store: Store,
  config: KeyConfig,
  now: () => string = () => new Date().toISOString(),
): Promise<EncryptionStart> {
  const notices: StartNotice[] = [];
  const fromEnv = config.encryptionKey !== null && config.encryptionKey !== '';
  const load = () =>
    loadKeyring({
      dataDir: config.dataDir,
      ...(fromEnv ? { envKey: config.encryptionKey! } : {}),
      ...(config.indexKey ? { envIndexKey: config.indexKey } : {}),
    });
  let keyring: Keyring;
  if (!fromEnv && !keyFileExists(config.dataDir)) {
    const inUse = await keyIdsInUse(store.db, () => false);
    if (inUse.length > 0) throw keysMissing(inUse, config, null);
    keyring = load();
    notices.push({
      level: 'warn',
      message: `Created a new encryption key in ${keyFilePath(config.dataDir)}. Back this file up now, apart from the database backups: without it nothing written in Mend can be read (docs/encryption.md).`,
      fields: { keyId: keyring.currentKeyId },
    });
  } else {
    keyring = load();
  }
  await assertKeysPresent(store, keyring, config);
  await recordKeyId(store.db, keyring.currentKeyId, now());
  // Two servers starting on one empty database with different keys: the second to record sees the first's key.
  await assertKeysPresent(store, keyring, config);

  const bound = await bindCiphertexts(store.db, keyring, now);
  if (bound.ran)
    notices.push({
      level: 'info',
      message: 'Bound every encrypted value to its owner, visibility and parents (migration 0011).',
      fields: { rebound: bound.rebound },
    });
  if (bound.unreadable.length > 0) {
    notices.push({
      level: 'warn',
      message:
        'Some encrypted values failed their integrity check and are shown to nobody (docs/encryption.md, "Values that fail their check").',
      fields: { values: bound.unreadable.map((u) => `${u.table}.${u.column}:${u.id} (${u.reason})`) },
    });
  }
  return { keyring, notices, bound };
}

async function assertKeysPresent(store: Store, keyring: Keyring, config: KeyConfig): Promise<void> {
  const inUse = await keyIdsInUse(store.db, (id) => keyring.has(id));
  const missing = inUse.filter((id) => !keyring.has(id));
  if (missing.length > 0) throw keysMissing(missing, config, keyring);
}

/** Key ids recorded in the database that this key ring lacks (for `/readyz`; no scan). */
export async function keyIdsMissingFrom(store: Store, keyring: Keyring): Promise<string[]> {
  const rows = await store.db.selectFrom('encryption_keys').select('key_id').execute();
  return rows.map((r) => r.key_id).filter((id) => !keyring.has(id));
}

function keysMissing(missing: string[], config: KeyConfig, keyring: Keyring | null): KeyringError {
  const path = keyFilePath(config.dataDir);
  const where =
    keyring === null
      ? `There is no key file at ${path}, and MEND_ENCRYPTION_KEY is not set.`
      : keyring.source === 'env'
        ? `Keys are read from MEND_ENCRYPTION_KEY, which holds ${keyring.keyIds.join(', ')} (the key file ${path} is not read while it is set).`
        : `Keys are read from the key file ${path}, which holds ${keyring.keyIds.join(', ')} (MEND_ENCRYPTION_KEY is not set).`;
  return new KeyringError(
    'keys_missing',
    `The database holds text encrypted with ${missing.length === 1 ? 'key' : 'keys'} ${missing.join(', ')}, which Mend cannot find. ${where} ` +
      'Mend does not create a new key for a database that already holds data: everything in it would be lost. ' +
      'Put back the key file from your key backup, or set MEND_ENCRYPTION_KEY to the keys this database was written with, then start Mend again (docs/encryption.md).',
  );
}
