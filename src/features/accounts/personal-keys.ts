import { LRUCache } from 'lru-cache';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { DecryptionError } from '../../platform/vault/index.js';
import { refuse } from '../../platform/errors.js';
import { asPerson } from '../../platform/vault/held-keys.js';
import { isAuthorOnly } from '../../platform/vault/bound-fields.js';
import {
  newPersonalKey,
  newRecoveryCode,
  normaliseRecoveryCode,
  recoveryWrappingKey,
  sealPersonal,
  openPersonal,
  sessionWrappingKey,
  unwrapPersonalKey,
  wrapPersonalKey,
  type PersonalKey,
} from '../../platform/vault/personal-key.js';
import { reencryptAll } from '../../platform/vault/reencrypt.js';
import type { Vault } from '../../platform/vault/vault.js';
import type { PasswordHasher } from './password-hasher.js';
import type { PasswordWrap, PersonalKeyRow, PersonalKeyStore } from './personal-keys-store.js';

const SALT_BYTES = 16;
/** Sessions whose opened key is kept in memory: 32 bytes and a short id each. */
const OPENED_SESSIONS = 10_000;
/** What the recovery code is sealed with under the personal key: its own place, so it stands in for nothing else. */
const RECOVERY_CODE_AAD = (accountId: string): string => `personal_keys.recovery_code:${accountId}`;

/**
 * Each person's personal key (issue #23, docs/encryption.md "Private to its author"): made at
 * sign-up, or at the first sign-in after the upgrade; opened with the password at sign-in and
 * then wrapped for the new session; re-wrapped when the password changes; opened with the
 * recovery code when the password is forgotten, or made anew without it (the private texts under
 * the old one are then closed for good).
 */
export class PersonalKeys {
  constructor(
    private readonly deps: {
      keys: PersonalKeyStore;
      hasher: PasswordHasher;
      clock: Clock;
      db: Kysely<Database>;
      vault: Vault;
    },
  ) {}

  /** Keys opened for live sessions, by session and wrap (openForSession). */
  private readonly opened = new LRUCache<string, PersonalKey>({ max: OPENED_SESSIONS });

  /** Told when a re-sealing walk failed (app.ts logs its error's name and code; never any text). */
  onResealFailed: (error: unknown) => void = () => {};

  /**
   * Makes the account's first key; answers the key and the recovery code to show once. `upgrade`:
   * an account from before personal keys, whose older private texts are still to be sealed again.
   */
  async create(accountId: string, password: string, upgrade = false): Promise<{ key: PersonalKey; recoveryCode: string }> {
    const made = await this.made(accountId, password, upgrade ? null : this.now());
    if (!(await this.deps.keys.insert(made.row))) {
      // Another sign-in made it a moment ago: use that one.
      const opened = await this.openWithPassword(accountId, password);
      if (!opened) throw new Error('The personal key could not be opened just after it was made.');
      return { key: opened, recoveryCode: '' };
    }
    return { key: made.key, recoveryCode: made.recoveryCode };
  }

  /**
   * The key opened with the password at sign-in; made first for an account from before personal
   * keys, whose private texts are then sealed again under it and whose older sessions end (they
   * hold no wrap of it). Its recovery code is then shown on the next page (recovery_shown_at is null).
   */
  async forSignIn(accountId: string, password: string): Promise<PersonalKey> {
    const found = await this.deps.keys.byAccount(accountId);
    if (found) {
      const key = await this.unwrapWithPassword(found, password);
      if (found.resealed_at === null) await this.resealOrCarryOn(accountId, key);
      return key;
    }
    const { key } = await this.create(accountId, password, true);
    await this.deps.keys.endUnwrappedSessions(accountId);
    await this.resealOrCarryOn(accountId, key);
    return key;
  }

  /**
   * A walk that fails (a statement timeout on a very long history, the database gone for a moment)
   * must not stop the person signing in: `resealed_at` stays null and the next sign-in carries on.
   */
  async resealOrCarryOn(accountId: string, key: PersonalKey): Promise<void> {
    try {
      await this.reseal(accountId, key);
    } catch (error) {
      this.onResealFailed(error);
    }
  }

  async openWithPassword(accountId: string, password: string): Promise<PersonalKey | null> {
    const found = await this.deps.keys.byAccount(accountId);
    return found ? this.unwrapWithPassword(found, password) : null;
  }

  /** The key wrapped for one session, under a key from its token (which the server stores only hashed). */
  wrapForSession(key: PersonalKey, accountId: string, sessionId: string, token: string): string {
    return wrapPersonalKey(key, sessionWrappingKey(token), { accountId, by: `session:${sessionId}` });
  }

  /**
   * The key a session's request opens from its wrap; null when it does not open (never the
   * request's failure). Called only once the token has found its session, so what was opened is
   * kept for that session and wrap (an HKDF and an AES-GCM opening saved on every request); the
   * memory of a running server is outside what this protects (docs/encryption.md).
   */
  openForSession(wrap: string, accountId: string, sessionId: string, token: string): PersonalKey | null {
    const kept = `${sessionId}\u0000${wrap}`;
    const known = this.opened.get(kept);
    if (known) return known;
    try {
      const key = unwrapPersonalKey(wrap, sessionWrappingKey(token), { accountId, by: `session:${sessionId}` });
      this.opened.set(kept, key);
      return key;
    } catch (error) {
      if (error instanceof DecryptionError) return null;
      throw error;
    }
  }

  /**
   * Sets a new password and, in the same transaction, what becomes of the personal key: `key`
   * wrapped under it (a password change, a reset with the recovery code), a new key (`'new'`: a
   * reset without the code; the new recovery code is shown after the next sign-in), or nothing
   * (an account without a key yet). All the slow work is done before anything is written.
   */
  async setPassword(accountId: string, password: string, key: PersonalKey | 'new' | null): Promise<void> {
    const passwordHash = await this.deps.hasher.hash(password);
    const then =
      key === null
        ? null
        : key === 'new'
          ? (await this.made(accountId, password, null)).row
          : await this.passwordWrap(accountId, key, password);
    await this.deps.keys.setPassword(accountId, passwordHash, then, this.now());
  }

  private async passwordWrap(accountId: string, key: PersonalKey, password: string): Promise<PasswordWrap> {
    const salt = randomBytes(SALT_BYTES);
    const { key: kek, cost } = await this.deps.hasher.wrappingKey(password, salt);
    return {
      by_password: wrapPersonalKey(key, kek, { accountId, by: 'password' }),
      password_salt: salt.toString('base64url'),
      password_cost: cost,
    };
  }

  /** The key opened with a recovery code; null when the code is not this account's (or not a code). */
  async openWithRecoveryCode(accountId: string, code: string): Promise<PersonalKey | null> {
    const found = await this.deps.keys.byAccount(accountId);
    if (!found || normaliseRecoveryCode(code) === null) return null;
    try {
      return unwrapPersonalKey(found.by_recovery, recoveryWrappingKey(code), { accountId, by: 'recovery' });
    } catch (error) {
      if (error instanceof DecryptionError) return null;
      throw error;
    }
  }

  /** Texts of theirs were written where their key was not held (`mend demo`): the next sign-in seals them under it. */
  async resealAtNextSignIn(accountId: string): Promise<void> {
    await this.deps.keys.markResealed(accountId, null);
  }

  /** Whether the account has a personal key yet (one from before the upgrade has none until it signs in). */
  async exists(accountId: string): Promise<boolean> {
    return (await this.deps.keys.byAccount(accountId)) !== undefined;
  }

  /**
   * The recovery code, for its owner's request that holds the key: `unseen` only while they have
   * not yet said they kept it (after that, only after their password).
   */
  async recoveryCode(accountId: string, key: PersonalKey | null, only: 'unseen' | 'any'): Promise<string | null> {
    const found = await this.deps.keys.byAccount(accountId);
    if (!key || !found || found.key_id !== key.id) return null;
    if (only === 'unseen' && found.recovery_shown_at !== null) return null;
    return openPersonal(key, found.recovery_code_sealed, RECOVERY_CODE_AAD(accountId));
  }

  /** The owner said they kept their recovery code: from now on it is shown only after their password. */
  async recoveryCodeKept(accountId: string): Promise<void> {
    await this.deps.keys.markRecoveryShown(accountId, this.now());
  }

  /** Whether the account has a recovery code its owner has not yet said they kept. */
  async recoveryCodeUnseen(accountId: string): Promise<boolean> {
    const found = await this.deps.keys.byAccount(accountId);
    return found !== undefined && found.recovery_shown_at === null;
  }

  /**
   * Seals again, under the person's key, every text of theirs that only they may read and that is
   * still under the server's key (written before the key existed). Safe to interrupt: it is run
   * again at the next sign-in until it has gone through everything.
   */
  async reseal(accountId: string, key: PersonalKey): Promise<number> {
    const { vault } = this.deps;
    const { rewritten } = await asPerson(accountId, key, () =>
      reencryptAll(
        this.deps.db,
        (stored, binding) => {
          if (!isAuthorOnly(binding)) return null;
          const text = vault.open(stored, binding);
          return text === null ? null : vault.seal(text, binding);
        },
        { authoredBy: accountId },
      ),
    );
    await this.deps.keys.markResealed(accountId, this.now());
    return rewritten;
  }

  /** A wrap that does not open with the right password (restored or edited data) is a calm refusal, never a 500. */
  private async unwrapWithPassword(row: PersonalKeyRow, password: string): Promise<PersonalKey> {
    const { key: kek } = await this.deps.hasher.wrappingKey(password, Buffer.from(row.password_salt, 'base64url'), row.password_cost);
    try {
      return unwrapPersonalKey(row.by_password, kek, { accountId: row.account_id, by: 'password' });
    } catch (error) {
      if (error instanceof DecryptionError) refuse('private_writing_locked');
      throw error;
    }
  }

  private async made(accountId: string, password: string, resealedAt: string | null) {
    const key = newPersonalKey();
    const recoveryCode = newRecoveryCode();
    const salt = randomBytes(SALT_BYTES);
    const { key: kek, cost } = await this.deps.hasher.wrappingKey(password, salt);
    const now = this.now();
    const row: PersonalKeyRow = {
      account_id: accountId,
      key_id: key.id,
      by_password: wrapPersonalKey(key, kek, { accountId, by: 'password' }),
      password_salt: salt.toString('base64url'),
      password_cost: cost,
      by_recovery: wrapPersonalKey(key, recoveryWrappingKey(recoveryCode), { accountId, by: 'recovery' }),
      recovery_code_sealed: sealPersonal(key, recoveryCode, RECOVERY_CODE_AAD(accountId)),
      created_at: now,
      updated_at: now,
      // A brand-new account has nothing to re-seal; a replaced key has nothing it could open.
      resealed_at: resealedAt,
      recovery_shown_at: null,
    };
    return { key, recoveryCode, row };
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
