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
import { isAuthorOnly } from './bound-fields.js';
import { authorOnlyClosed, heldPersonalKey } from './held-keys.js';
import { isPersonalValue, openPersonal, personalKeyIdOf, sealPersonal } from './personal-key.js';
import type { Vault } from './vault.js';

/** Told about every value that could not be opened: where it is and why, never what it says. */
export type UnreadableReport = (binding: FieldBinding, reason: string) => void;

/**
 * The store's vault over the server's key ring (platform/vault/load-keyring.ts) and the personal
 * key the request holds (held-keys.ts). A text only its author may read is sealed under the
 * author's personal key whenever the request is the author's; everything else under the server's
 * key. A personal value opens only in its author's own requests; elsewhere it is simply closed
 * (null, not reported: that is what it is for).
 *
 * Only server values in the current, bound format are opened: an older value left in a row (put
 * back from a backup, or one the start-up step could not re-bind because it was already damaged)
 * is refused like a tampered one.
 */
export function openVault(keyring: Keyring, report: UnreadableReport = () => {}): Vault {
  return {
    seal: (plaintext, binding) => {
      const personal = isAuthorOnly(binding) ? heldPersonalKey(binding.owner) : null;
      return personal ? sealPersonal(personal, plaintext, boundAad(binding)) : encryptText(keyring, plaintext, boundAad(binding));
    },
    open: (stored, binding) => {
      if (authorOnlyClosed() && isAuthorOnly(binding)) return null;
      try {
        if (isPersonalValue(stored)) {
          const personal = heldPersonalKey(binding.owner);
          // Under a key this person no longer has (made anew at a reset without the recovery code): closed for good.
          if (!personal || personalKeyIdOf(stored) !== personal.id) return null;
          return openPersonal(personal, stored, boundAad(binding));
        }
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
