import { loadConfig } from '../../config.js';
import { loadKeyring, needsRotation, reencrypt, rotateKeyring, type Keyring } from '../../security/index.js';
import { openStore } from '../../store/database.js';
import { migrateToLatest } from '../../store/migrator.js';
import { reencryptAll } from '../../store/reencrypt.js';
import type { CliIo } from '../main.js';

const USAGE = `Usage: mend rotate-key [--reencrypt-only]

Adds a new encryption key to the key file (old keys stay, for reading) and re-encrypts every
stored entry with it. With MEND_ENCRYPTION_KEY set, append a new "id:key" to the variable first,
restart Mend, then run this to re-encrypt (it does not change the variable for you).
Stop Mend, or restart every server right after, so that all of them know the new key.
`;

export async function runRotateKey(args: string[], io: CliIo): Promise<number> {
  if (args.some((a) => a !== '--reencrypt-only')) {
    io.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig();
  let keyring: Keyring;
  if (config.encryptionKey || args.includes('--reencrypt-only')) {
    keyring = loadKeyring({
      dataDir: config.dataDir,
      ...(config.encryptionKey ? { envKey: config.encryptionKey } : {}),
      ...(config.indexKey ? { envIndexKey: config.indexKey } : {}),
    });
    io.stdout.write(`Re-encrypting with the current key ${keyring.currentKeyId}.\n`);
  } else {
    const rotated = rotateKeyring(config.dataDir);
    keyring = rotated.keyring;
    io.stdout.write(`Added a new key ${rotated.keyId} to the key file. Back the key file up again now.\n`);
  }
  const store = openStore(config);
  try {
    await migrateToLatest(store);
    const result = await reencryptAll(
      store.db,
      (stored, context) => (needsRotation(keyring, stored) ? reencrypt(keyring, stored, context) : null),
      (p) => io.stderr.write(`${p.table}.${p.column}: ${p.checked} checked, ${p.rewritten} re-encrypted\n`),
    );
    io.stdout.write(`Done: ${result.checked} values checked, ${result.rewritten} re-encrypted with key ${keyring.currentKeyId}.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
