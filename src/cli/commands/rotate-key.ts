import { loadConfig } from '../../platform/config.js';
import { boundAad, needsRotation, reencrypt, rotateKeyring, type Keyring } from '../../platform/vault/index.js';
import { openStore } from '../../platform/db/database.js';
import { recordKeyId } from '../../platform/vault/encryption-keys.js';
import { migrateToLatest } from '../../platform/db/migrator.js';
import { reencryptAll } from '../../platform/vault/reencrypt.js';
import { startEncryption } from '../../platform/vault/start-encryption.js';
import type { CliIo } from '../io.js';

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
  const store = openStore(config);
  try {
    await migrateToLatest(store);
    // The same checks as start-up: every key the database uses is here, old values are bound.
    let keyring: Keyring = (await startEncryption(store, config)).keyring;
    if (config.encryptionKey || args.includes('--reencrypt-only')) {
      io.stdout.write(`Re-encrypting with the current key ${keyring.currentKeyId}.\n`);
    } else {
      const rotated = rotateKeyring(config.dataDir);
      keyring = rotated.keyring;
      io.stdout.write(`Added a new key ${rotated.keyId} to the key file. Back the key file up again now.\n`);
    }
    await recordKeyId(store.db, keyring.currentKeyId, new Date().toISOString());
    const result = await reencryptAll(
      store.db,
      (stored, binding) => (needsRotation(keyring, stored) ? reencrypt(keyring, stored, boundAad(binding)) : null),
      { onProgress: (p) => io.stderr.write(`${p.table}.${p.column}: ${p.checked} checked, ${p.rewritten} re-encrypted\n`) },
    );
    io.stdout.write(`Done: ${result.checked} values checked, ${result.rewritten} re-encrypted with key ${keyring.currentKeyId}.\n`);
    if (result.unreadable.length > 0) {
      io.stderr.write(
        `${result.unreadable.length} values failed their integrity check and were left as they are (they are shown to nobody):\n` +
          result.unreadable.map((u) => `  ${u.table}.${u.column} row ${u.id}: ${u.reason}\n`).join(''),
      );
      return 1;
    }
    return 0;
  } finally {
    await store.close();
  }
}
