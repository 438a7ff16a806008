import { parseEnvKeyring } from './env-keyring.js';
import { addKeyToFile, readOrCreateKeyFile } from './key-file.js';
import type { Keyring } from './keyring.js';

export interface LoadKeyringOptions {
  /** The data directory; the key file is `<dataDir>/mend.key`. */
  readonly dataDir: string;
  /** `process.env.MEND_ENCRYPTION_KEY`. When set (non-empty) it wins and no key file is used. */
  readonly envKey?: string | undefined;
  /** `process.env.MEND_INDEX_KEY`, only read together with `envKey`. */
  readonly envIndexKey?: string | undefined;
  /** Creation time written into a new key file. */
  readonly now?: Date;
}

/**
 * The key ring the server runs with: from the environment when `MEND_ENCRYPTION_KEY` is set,
 * otherwise from `<dataDir>/mend.key`, created with a fresh key on first start. Throws a
 * `KeyringError` with a message an operator can act on; the server must not start without keys.
 */
export function loadKeyring(options: LoadKeyringOptions): Keyring {
  if (options.envKey !== undefined && options.envKey.trim() !== '') {
    return parseEnvKeyring(options.envKey, options.envIndexKey);
  }
  return readOrCreateKeyFile(options.dataDir, options.now ?? new Date());
}

/**
 * `mend rotate-key`, first half: adds a new current key to the key file (old keys stay, for
 * reading). The CLI then re-encrypts every stored value with `reencrypt`. With
 * `MEND_ENCRYPTION_KEY` there is no file to change: the operator appends a key to the variable.
 */
export function rotateKeyring(dataDir: string, now: Date = new Date()): { keyring: Keyring; keyId: string } {
  return addKeyToFile(dataDir, now);
}
