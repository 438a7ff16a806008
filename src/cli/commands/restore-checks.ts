import SQLite from 'better-sqlite3';
import type { Config } from '../../platform/config.js';
import { MIGRATIONS } from '../../platform/db/migrations/index.js';
import {
  isCurrentFormat,
  isEncryptedText,
  keyFileExists,
  keyFilePath,
  keyIdOf,
  loadKeyring,
  type Keyring,
} from '../../platform/vault/index.js';
import { openVault } from '../../platform/vault/open-vault.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import { normaliseEmail } from '../../features/accounts/store.js';

/** How many accounts' emails a restore opens to know the key ring reads the backup. */
const SAMPLE = 25;

/**
 * Why a file must not replace the database, or null when it may: it is a healthy SQLite file, a
 * Mend database (its record of migrations names only migrations this Mend knows, the first among
 * them), and the key ring Mend would start with opens a sample of its values and finds them by
 * their look-up index. All read-only, before anything is touched. The answer names files, key ids
 * and migrations, never a value.
 */
export function whyNotRestorable(file: string, config: Pick<Config, 'dataDir' | 'encryptionKey' | 'indexKey'>): string | null {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch {
    return 'it is not a SQLite database';
  }
  try {
    let integrity: unknown;
    try {
      integrity = db.pragma('integrity_check', { simple: true });
    } catch {
      integrity = 'not a SQLite database';
    }
    if (integrity !== 'ok') return `it is not a healthy SQLite database (${String(integrity)})`;
    return schemaProblem(db) ?? keyProblem(db, config);
  } finally {
    db.close();
  }
}

function schemaProblem(db: SQLite.Database): string | null {
  const hasTable = (name: string) => db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;
  if (!hasTable('kysely_migration') || !hasTable('accounts')) return 'it is not a Mend database (it has no record of Mend’s migrations)';
  const ran = db.prepare('select name from kysely_migration').pluck().all() as string[];
  const unknown = ran.filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) {
    return `it was written by a newer version of Mend (it has run ${unknown.join(', ')}); restore it with that version`;
  }
  if (!ran.includes('0001-foundation')) return 'it is not a Mend database (its record of migrations lacks 0001-foundation)';
  return null;
}

function keyProblem(db: SQLite.Database, config: Pick<Config, 'dataDir' | 'encryptionKey' | 'indexKey'>): string | null {
  const rows = (
    db.prepare('select id, email_index, email_enc from accounts order by random() limit ?').all(SAMPLE * 4) as Array<{
      id: string;
      email_index: string;
      email_enc: string;
    }>
  )
    .filter((r) => isEncryptedText(r.email_enc))
    .slice(0, SAMPLE);
  if (rows.length === 0) return null;
  const fromEnv = !!config.encryptionKey;
  if (!fromEnv && !keyFileExists(config.dataDir)) {
    return (
      `there is no key to read it with: no key file at ${keyFilePath(config.dataDir)} and MEND_ENCRYPTION_KEY is not set. ` +
      'Put back the key file from your key backup (or set MEND_ENCRYPTION_KEY) first'
    );
  }
  let keyring: Keyring;
  try {
    keyring = loadKeyring({
      dataDir: config.dataDir,
      ...(fromEnv ? { envKey: config.encryptionKey! } : {}),
      ...(config.indexKey ? { envIndexKey: config.indexKey } : {}),
    });
  } catch (error) {
    return `the key ring cannot be loaded (${error instanceof Error ? error.message : String(error)})`;
  }
  const where = fromEnv ? 'MEND_ENCRYPTION_KEY' : `the key file ${keyFilePath(config.dataDir)}`;
  const missing = [...new Set(rows.map((r) => keyIdOf(r.email_enc)).filter((id) => !keyring.has(id)))];
  if (missing.length > 0) {
    return `it was written with key${missing.length === 1 ? '' : 's'} ${missing.join(', ')}, which ${where} does not hold (it holds ${keyring.keyIds.join(', ')})`;
  }
  const vault = openVault(keyring);
  for (const row of rows.filter((r) => isCurrentFormat(r.email_enc))) {
    const email = vault.open(row.email_enc, BOUND.accountEmail.of(row));
    if (email === null) return `${where} does not open its values (they fail their integrity check)`;
    if (!row.email_index.startsWith('stand-in:') && vault.index('account-email', normaliseEmail(email)) !== row.email_index) {
      return `its sign-in look-ups were made with another index key than ${fromEnv ? 'MEND_INDEX_KEY' : where}, so nobody could sign in`;
    }
  }
  return null;
}
