import type { Config } from '../config.js';
import { blindIndex, decryptText, encryptText, loadKeyring } from '../security/index.js';
import type { Vault } from './vault.js';

/** The store's vault over the server's keyring (key file in the data dir, or MEND_ENCRYPTION_KEY). */
export function openVault(config: Pick<Config, 'dataDir' | 'encryptionKey' | 'indexKey'>): Vault {
  const keyring = loadKeyring({
    dataDir: config.dataDir,
    ...(config.encryptionKey ? { envKey: config.encryptionKey } : {}),
    ...(config.indexKey ? { envIndexKey: config.indexKey } : {}),
  });
  return {
    seal: (plaintext, context) => encryptText(keyring, plaintext, context),
    open: (stored, context) => decryptText(keyring, stored, context),
    index: (purpose, value) => blindIndex(keyring, purpose, value),
  };
}
