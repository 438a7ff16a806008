import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDecipheriv } from 'node:crypto';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadKeyring, type Keyring } from '../../src/platform/vault/index.js';
import { openVault } from '../../src/platform/vault/open-vault.js';
import { reencryptAll } from '../../src/platform/vault/reencrypt.js';
import { sessionWrappingKey } from '../../src/platform/vault/personal-key.js';

/**
 * Whoever runs the server, with Mend stopped (issue #23): every file of the data folder (the
 * database, the key file, the logs), every backup or dump, and Mend's own code. It reads the
 * database the way Mend does (every bound field opened with the server's key ring), and then,
 * less politely, every stored value it can find in any file, with every key it can lay hands on
 * and without checking any tag (AES-GCM is a counter mode underneath: the right key opens a
 * value whatever its associated data says). What it recovers is what the host could read.
 */

/** Every canary the tests plant: `PRIVCANARY…` (private to its author) or `SHARCANARY…` (shared or sealed). */
export const CANARY = /(?:PRIV|SHAR)CANARY[A-Za-z0-9]+/g;

/** A stored value of any of Mend's formats, as it appears in a file: format, key id, iv, tag, ciphertext. */
const STORED = /\b(v1|v2|p1|w1)\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)/g;
/** SHA-256 hashes in hex (session tokens are stored only so): tried as if they were the tokens. */
const HEX_HASH = /\b[0-9a-f]{64}\b/g;

/** Where the live PostgreSQL database, read through Mend's code, is named in `Loot.found`. */
export const DATABASE = "the database (read through Mend's code)";

export interface Loot {
  /** Canaries found, with where each was found (a file, or "database" for the reading through Mend's code). */
  found: Map<string, Set<string>>;
  /** Values sealed under a personal key that were seen, and how many of them opened (must be none). */
  personalValues: number;
  /** Values under the server's key that opened without their tag: shows the tagless opening works. */
  serverValuesOpened: number;
  /** Every file read, for the test's own checks (secrets never in them). */
  files: Array<{ name: string; bytes: Buffer }>;
}

export interface Target {
  dataDir: string;
  /** A PostgreSQL database (the attacker connects to it and dumps it too); null for SQLite. */
  databaseUrl: string | null;
  /** More files: backups kept elsewhere, dumps, logs. */
  extraFiles?: string[];
  /** Other words to look for in whatever opens (recovery codes: the code itself is sealed under the personal key). */
  needles?: string[];
}

export async function attack(target: Target): Promise<Loot> {
  const loot: Loot = { found: new Map(), personalValues: 0, serverValuesOpened: 0, files: [] };
  const needles = target.needles ?? [];
  const note = (text: string, where: string) => {
    for (const needle of needles) {
      if (text.includes(needle)) loot.found.set(needle, new Set([...(loot.found.get(needle) ?? []), where]));
    }
    for (const canary of text.match(CANARY) ?? []) {
      const places = loot.found.get(canary) ?? new Set<string>();
      places.add(where);
      loot.found.set(canary, places);
    }
  };
  // The key file, read as Mend reads it (the attacker has it and the code).
  const keyring = readKeyring(target.dataDir);

  for (const file of [...walk(target.dataDir), ...(target.extraFiles ?? [])]) {
    loot.files.push({ name: file, bytes: fs.readFileSync(file) });
  }
  if (target.databaseUrl) {
    // The database as anyone with access to it can dump it.
    const dump = await dumpPostgres(target.databaseUrl);
    loot.files.push({ name: 'pg dump (select * from every table)', bytes: Buffer.from(dump, 'utf8') });
  }

  // 1. Plain text in any file: the database, its journal, backups, logs.
  for (const { name, bytes } of loot.files) note(bytes.toString('latin1'), name);

  // 2. Every stored value in any file, opened with every key at hand, tags ignored.
  const values = new Map<string, { format: string; keyId: string; iv: Buffer; ciphertext: Buffer; files: Set<string> }>();
  const hashes = new Set<string>();
  for (const { name, bytes } of loot.files) {
    const text = bytes.toString('latin1');
    for (const m of text.matchAll(STORED)) {
      const value = values.get(m[0]) ?? {
        format: m[1]!,
        keyId: m[2]!,
        iv: Buffer.from(m[3]!, 'base64url'),
        ciphertext: Buffer.from(m[5]!, 'base64url'),
        files: new Set<string>(),
      };
      value.files.add(name);
      values.set(m[0], value);
    }
    for (const m of text.matchAll(HEX_HASH)) hashes.add(m[0]);
  }
  const serverKeys = [...keyring.keyIds.map((id) => keyring.key(id)), keyring.indexKey];
  const keys: Buffer[] = [...serverKeys, ...[...hashes].flatMap((h) => [sessionWrappingKey(h), Buffer.from(h, 'hex')])];
  // Whatever a wrap gives under any of those keys is tried as the personal key it names (a value
  // sealed under a personal key names it too: the attacker need not try every pair).
  const unwrapped = new Map<string, Buffer[]>();
  for (const value of values.values()) {
    if (value.format !== 'w1') continue;
    const found = unwrapped.get(value.keyId) ?? [];
    for (const key of keys) found.push(tagless(key, value.iv, value.ciphertext));
    unwrapped.set(value.keyId, found);
  }
  for (const value of values.values()) {
    if (value.format === 'w1') continue;
    if (value.format === 'p1') loot.personalValues += 1;
    // A server value names its key; a personal one is tried with everything at hand.
    const tryKeys =
      value.format === 'p1'
        ? [...keys, ...(unwrapped.get(value.keyId) ?? [])]
        : keyring.has(value.keyId)
          ? [keyring.key(value.keyId)]
          : serverKeys;
    for (const key of tryKeys) {
      const text = tagless(key, value.iv, value.ciphertext).toString('latin1');
      if (!text.includes('CANARY') && !needles.some((n) => text.includes(n))) continue;
      if (value.format !== 'p1' && text.includes('CANARY')) loot.serverValuesOpened += 1;
      for (const file of value.files) note(text, `${file} (a ${value.format} value opened without its tag)`);
    }
  }

  // 3. The database read through Mend's own code, with the key ring and no person's key.
  const databases: Array<{ name: string; db: Kysely<any> }> = [];
  if (target.databaseUrl) {
    databases.push({
      name: DATABASE,
      db: new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.databaseUrl, max: 2 }) }) }),
    });
  }
  const vault = openVault(keyring);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-attacker-'));
  loot.files.forEach(({ name, bytes }, i) => {
    if (!bytes.subarray(0, 16).toString('latin1').startsWith('SQLite format 3')) return;
    // A copy, so that opening it changes nothing in the data folder.
    const copy = path.join(scratch, `${i}.sqlite`);
    fs.writeFileSync(copy, bytes);
    databases.push({
      name: `${name} (read through Mend's code)`,
      db: new Kysely({ dialect: new SqliteDialect({ database: new SQLite(copy) }) }),
    });
  });
  try {
    for (const { name, db } of databases) {
      try {
        await reencryptAll(db, (stored, binding) => {
          const text = vault.open(stored, binding);
          if (text !== null) note(text, name);
          return null;
        });
      } finally {
        await db.destroy();
      }
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return loot;
}

/** The key ring from the key file, as Mend loads it (never making one: the file must be there). */
export function readKeyring(dataDir: string): Keyring {
  if (!fs.existsSync(path.join(dataDir, 'mend.key'))) throw new Error(`No key file in ${dataDir}.`);
  return loadKeyring({ dataDir });
}

/** AES-256-GCM's keystream without its tag: GCM counts from the IV followed by 2 (NIST SP 800-38D, 7.1). */
function tagless(key: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  if (iv.length !== 12 || key.length !== 32) return Buffer.alloc(0);
  const decipher = createDecipheriv('aes-256-ctr', key, Buffer.concat([iv, Buffer.from([0, 0, 0, 2])]));
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : entry.isFile() ? [full] : [];
  });
}

/** Every row of every table, as text: what `psql` or any SQL client gives whoever can connect. */
async function dumpPostgres(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const out: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`select * from "${table_name.replaceAll('"', '""')}"`);
      out.push(`-- ${table_name}\n${JSON.stringify(rows.rows)}`);
    }
    return out.join('\n');
  } finally {
    await client.end();
  }
}
