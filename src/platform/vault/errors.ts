/**
 * Errors of the encryption layer. None of their messages ever contains key material or plaintext,
 * so they are safe to log.
 */

export type KeyringErrorCode =
  | 'malformed_key'
  | 'duplicate_key_id'
  | 'unknown_key_id'
  | 'malformed_key_file'
  | 'key_file_missing'
  | 'key_file_permissions'
  | 'keys_missing';

/** A key, key ring or key file that cannot be used. Raised at start-up: the server must not run. */
export class KeyringError extends Error {
  override readonly name = 'KeyringError';
  constructor(
    readonly code: KeyringErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type DecryptionErrorCode = 'malformed_ciphertext' | 'unknown_key' | 'tampered_ciphertext';

/** A stored value that cannot be decrypted. Catch this base class to handle all three reasons. */
export class DecryptionError extends Error {
  override readonly name: string = 'DecryptionError';
  constructor(
    readonly code: DecryptionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The value is not in the `v1.<keyId>.<iv>.<tag>.<ciphertext>` format. */
export class MalformedCiphertextError extends DecryptionError {
  override readonly name = 'MalformedCiphertextError';
  constructor(message: string) {
    super('malformed_ciphertext', message);
  }
}

/** The value names a key that is not in the key ring (a key was removed, or the wrong key is set). */
export class UnknownKeyError extends DecryptionError {
  override readonly name = 'UnknownKeyError';
  constructor(readonly keyId: string) {
    super(
      'unknown_key',
      `The value was encrypted with key "${keyId}", which is not in the key ring. ` +
        'Restore that key (see docs/encryption.md) — without it the value cannot be read.',
    );
  }
}

/**
 * Authentication failed: the value was changed, was moved from another row or column (associated
 * data differs), or was encrypted under a different key with the same id.
 */
export class TamperedCiphertextError extends DecryptionError {
  override readonly name = 'TamperedCiphertextError';
  constructor() {
    super(
      'tampered_ciphertext',
      'The encrypted value failed its integrity check: it was altered, moved from another ' +
        'row or column, or the key with its id is not the key it was written with.',
    );
  }
}
