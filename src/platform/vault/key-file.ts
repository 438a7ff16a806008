import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { makeDataFolder } from '../data-folder.js';
import { KeyringError } from './errors.js';
import { Keyring, assertKeyId, decodeKey, generateKey, generateKeyId } from './keyring.js';

/** The key file's name inside the data directory. */
export const KEY_FILE_NAME = 'mend.key';
const FORMAT = 'mend-keyring-v1';

/**
 * The key file, a small JSON document. `keys` lists every key, oldest first; `current` encrypts
 * new values; `indexKey` is the blind-index root and never changes on rotation.
 */
export interface KeyFile {
  readonly format: typeof FORMAT;
  readonly current: string;
  readonly indexKey: string;
  readonly keys: readonly { readonly id: string; readonly key: string; readonly createdAt: string }[];
}

export function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE_NAME);
}

/**
 * Reads the key file, creating it with a fresh key (mode 0600, in a 0700 directory) when there is
 * none. Two servers starting at once on the same directory end up with the same file.
 */
export function readOrCreateKeyFile(dataDir: string, now: Date): Keyring {
  const path = keyFilePath(dataDir);
  if (!exists(path)) {
    makeDataFolder(dataDir);
    const id = generateKeyId();
    const file: KeyFile = {
      format: FORMAT,
      current: id,
      indexKey: generateKey().toString('base64'),
      keys: [{ id, key: generateKey().toString('base64'), createdAt: now.toISOString() }],
    };
    createExclusive(path, serialise(file));
  }
  return readKeyFile(path);
}

/** Adds a fresh key and makes it current, keeping the old ones; the file is replaced atomically. */
export function addKeyToFile(dataDir: string, now: Date): { keyring: Keyring; keyId: string } {
  const path = keyFilePath(dataDir);
  if (!exists(path)) {
    throw new KeyringError(
      'key_file_missing',
      `There is no key file at ${path}. Start Mend once to create it, or set MEND_ENCRYPTION_KEY.`,
    );
  }
  const file = parseKeyFile(path);
  let id = generateKeyId();
  while (file.keys.some((k) => k.id === id)) id = generateKeyId();
  const next: KeyFile = {
    ...file,
    current: id,
    keys: [...file.keys, { id, key: generateKey().toString('base64'), createdAt: now.toISOString() }],
  };
  replaceAtomically(path, serialise(next));
  return { keyring: readKeyFile(path), keyId: id };
}

/** Whether the data directory has a key file (start-up decides whether a new key may be made). */
export function keyFileExists(dataDir: string): boolean {
  return exists(keyFilePath(dataDir));
}

export function readKeyFile(path: string): Keyring {
  const file = parseKeyFile(path);
  const keys = file.keys.map((k) => ({ id: k.id, key: decodeKey(k.key, `key "${k.id}" in ${path}`) }));
  return new Keyring(keys, file.current, decodeKey(file.indexKey, `the indexKey in ${path}`), 'file');
}

function parseKeyFile(path: string): KeyFile {
  assertPrivate(path);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw malformed(path, 'it is not valid JSON');
  }
  if (typeof data !== 'object' || data === null) throw malformed(path, 'it is not a JSON object');
  const file = data as Partial<Record<keyof KeyFile, unknown>>;
  if (file.format !== FORMAT) throw malformed(path, `"format" should be "${FORMAT}"`);
  if (typeof file.current !== 'string') throw malformed(path, '"current" is missing');
  if (typeof file.indexKey !== 'string') throw malformed(path, '"indexKey" is missing');
  if (!Array.isArray(file.keys) || file.keys.length === 0) throw malformed(path, '"keys" is empty');
  for (const entry of file.keys as unknown[]) {
    const k = entry as Record<string, unknown> | null;
    if (typeof k?.['id'] !== 'string' || typeof k['key'] !== 'string') {
      throw malformed(path, 'every entry of "keys" needs an "id" and a "key"');
    }
    assertKeyId(k['id']);
  }
  return file as KeyFile;
}

/**
 * Refuses a key file that group or others may read or write, rather than quietly tightening it:
 * a loosened mode means the key may already have been copied, which the operator should know.
 * (Windows has no such mode bits; there the check is skipped.)
 */
function assertPrivate(path: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new KeyringError(
      'key_file_permissions',
      `The key file ${path} is readable or writable by other users (mode ${mode.toString(8).padStart(4, '0')}). ` +
        `Check nobody else has copied it, then run: chmod 600 ${path}`,
    );
  }
}

function malformed(path: string, why: string): KeyringError {
  return new KeyringError(
    'malformed_key_file',
    `The key file ${path} cannot be read: ${why}. Restore it from your backup (docs/encryption.md).`,
  );
}

function serialise(file: KeyFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function writeTemp(path: string, content: string): string {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600); // whatever the umask
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/** Creates `path` only if it does not exist yet, never exposing a half-written file. */
function createExclusive(path: string, content: string): void {
  const temp = writeTemp(path, content);
  try {
    linkSync(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EEXIST: another process created it first — use theirs.
    if (code !== 'EEXIST') {
      // A file system without hard links: exclusive create, with a tiny window for a reader.
      try {
        writeFileSync(path, content, { flag: 'wx', mode: 0o600 });
      } catch (fallbackError) {
        if ((fallbackError as NodeJS.ErrnoException).code !== 'EEXIST') throw fallbackError;
      }
    }
  } finally {
    unlinkSync(temp);
  }
  syncDirectory(dirname(path));
}

function replaceAtomically(path: string, content: string): void {
  const temp = writeTemp(path, content);
  try {
    renameSync(temp, path);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
  syncDirectory(dirname(path));
}

/** Makes the new directory entry durable; not possible on every platform, so best effort. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory; the rename itself is still atomic.
  }
}
