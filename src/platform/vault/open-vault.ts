import {
  blindIndex,
  boundAad,
  DecryptionError,
  decryptText,
  encryptText,
  isCurrentFormat,
  type FieldBinding,
  type Keyring,
} from './index.js';
import type { Vault } from './vault.js';

/** Told about every value that could not be opened: where it is and why, never what it says. */
export type UnreadableReport = (binding: FieldBinding, reason: string) => void;

/**
 * The store's vault over the server's key ring (platform/vault/load-keyring.ts). Only values in the
 * current, bound format are opened: an older value left in a row (put back from a backup, or one
 * the start-up step could not re-bind because it was already damaged) is refused like a tampered one.
 */
export function openVault(keyring: Keyring, report: UnreadableReport = () => {}): Vault {
  return {
    seal: (plaintext, binding) => encryptText(keyring, plaintext, boundAad(binding)),
    open: (stored, binding) => {
      try {
        if (!isCurrentFormat(stored)) throw new DecryptionError('tampered_ciphertext', 'not in the bound format');
        return decryptText(keyring, stored, boundAad(binding));
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        report(binding, error.code);
        return null;
      }
    },
    index: (purpose, value) => blindIndex(keyring, purpose, value),
  };
}
