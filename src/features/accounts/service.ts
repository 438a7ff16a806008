import type { Page, PageRequest } from '../../core/paging/cursor.js';
import { deviceTokenFor, issueDeviceToken, writeDeviceCookie, type Mac } from '../../core/accounts/device-token.js';
import { judgePassword, PASSWORD_MAX_LENGTH, type StrengthEstimator } from '../../core/accounts/password-policy.js';
import { parseCountryChoice } from '../../core/safety/countries.js';
import { isValidTimeZone } from '../../core/time.js';
import { nameProblem } from '../../core/text/names.js';
import { fail, refuse, MendError, type ErrorDetails } from '../../platform/errors.js';
import { publicAccount, normaliseEmail, type Account, type AccountStore } from './store.js';
import { newId, newToken, sha256 } from '../../platform/db/ids.js';
import { SESSION_KEY, type SessionRecord, type SessionStore, type SignedIn } from './sessions-store.js';
import type { MemberRevision } from '../spaces/index.js';
import type { Clock } from '../../platform/clock.js';
import type { PasswordHasher } from './password-hasher.js';
import { loadStrengthEstimator } from './password-strength.js';
import type { PersonalKeys } from './personal-keys.js';
import { holdPersonalKey } from '../../platform/vault/held-keys.js';
import type { PersonalKey } from '../../platform/vault/personal-key.js';
import { refuseWhileBlocked, type Limiter } from '../../platform/http/rate-limiter.js';

/** A session stays alive for 30 days after it was last used. */
export const SESSION_IDLE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Writing last-seen on every request would turn reads into writes; a few minutes' precision is enough. */
const TOUCH_AFTER_MS = 5 * 60 * 1000;
export const DISPLAY_NAME_MAX = 60;
/** How long a confirmed password unlocks export, deletion and therapist consent. */
export const REAUTH_MINUTES = 10;
export const EMAIL_MAX = 254;

export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
  timezone?: string | undefined;
  /** A supported country code, "INTL" for another country, or empty/absent: not answered. */
  country?: string | undefined;
}

export interface Authenticated {
  account: Account;
  session: SessionRecord;
  /** false when, as the session was checked, the account was no space's therapist (in any status). */
  mayBeTherapist?: boolean;
  /**
   * Read with the session when the request names a space in its path: the account's membership
   * of that space (null: none, in any status) and the space's revision. Services given it skip
   * their own read of the same row.
   */
  membership?: { spaceId: string; member: MemberRevision | null };
  /** The person's personal key, opened from this session's wrap for this request (null: none yet). */
  personalKey?: PersonalKey | null;
  /** Wraps `key` for this very session and holds it for the rest of the request (the token stays in here). */
  adoptPersonalKey?: (key: PersonalKey) => Promise<void>;
}

export type { Account };

/** How many values a page of sessions is keyed by (an API cursor carries them). */
export const SESSION_PAGE_KEY_LENGTH = SESSION_KEY.length;

// What the platform's session lookup carries to every route (platform/http/plugins/auth.ts).
declare module '../../platform/http/plugins/auth.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the plugin's RequestAuth is this feature's Authenticated
  interface RequestAuth extends Authenticated {}
}

const NAME_MISSING = 'Enter the name your partner knows you by.';
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether `email` has the shape sign-up accepts (the operator's commands check it before any look-up). */
export const isEmailShaped = (email: string): boolean => email.trim().length <= EMAIL_MAX && EMAIL_SHAPE.test(email.trim());

export function validateSignUp(input: SignUpInput, estimate: StrengthEstimator): ErrorDetails {
  const details: ErrorDetails = {};
  const email = input.email.trim();
  if (email === '') details.email = 'Enter your email address.';
  else if (email.length > EMAIL_MAX || !EMAIL_SHAPE.test(email)) details.email = 'Enter an email address like name@example.org.';
  const name = input.displayName.trim();
  const nameWrong = nameProblem(name, DISPLAY_NAME_MAX, NAME_MISSING);
  if (nameWrong) details.displayName = nameWrong;
  if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) details.timezone = 'Choose a time zone from the list.';
  if (parseCountryChoice(input.country) === undefined) details.country = 'Choose where you live from the list, or "Another country".';
  if (input.password === '') details.password = 'Choose a password.';
  else {
    const verdict = judgePassword(input.password, [email, name], estimate);
    if (!verdict.ok) details.password = verdict.reason;
  }
  return details;
}

export class AccountService {
  constructor(
    private readonly deps: {
      accounts: AccountStore;
      sessions: SessionStore;
      hasher: PasswordHasher;
      clock: Clock;
      signInByAddress: Limiter;
      signInByAccount: Limiter;
      /** Sign-ins from a browser that shows a device token for the account (core/accounts/device-token.ts). */
      signInByDevice: Limiter;
      /** Wrong passwords typed to confirm an action in a signed-in session, per account. */
      confirmByAccount: Limiter;
      /** Signs device tokens: a keyed hash under the server's index key. */
      deviceMac: Mac;
      personalKeys: PersonalKeys;
    },
  ) {}

  async signUp(
    input: SignUpInput,
    kind: SessionRecord['kind'],
  ): Promise<{ account: Account; token: string; session: SessionRecord; recoveryCode: string }> {
    const details = validateSignUp(input, await loadStrengthEstimator());
    if (Object.keys(details).length > 0) {
      const onlyPassword = Object.keys(details).length === 1 && details.password;
      throw new MendError(onlyPassword ? 'weak_password' : 'invalid_input', details);
    }
    const now = this.deps.clock.now().toISOString();
    const id = newId();
    const inserted = await this.deps.accounts.insert({
      id,
      email: input.email,
      displayName: input.displayName.trim(),
      timezone: input.timezone ?? 'UTC',
      country: parseCountryChoice(input.country) ?? null,
      passwordHash: await this.deps.hasher.hash(input.password),
      now,
    });
    if (!inserted) fail('email_taken', { email: 'An account with this email already exists.' });
    const account = await this.deps.accounts.byId(id);
    if (!account) fail('internal');
    const { key, recoveryCode } = await this.deps.personalKeys.create(id, input.password);
    const { token, session } = await this.startSession(id, kind, key);
    return { account: publicAccount(account), token, session, recoveryCode };
  }

  /**
   * Signs in, limited per address and per account so neither a spray across accounts nor a
   * patient attack on one account gets far. Unknown email and wrong password answer alike.
   *
   * A browser that shows a device token for this account (`deviceTokens`, from its cookie) is
   * judged only by that token's own limit: guesses from anywhere else cannot lock the owner out
   * of the browser they always use. The answer carries the browser's renewed device cookie.
   */
  async signIn(
    email: string,
    password: string,
    address: string,
    kind: SessionRecord['kind'],
    deviceTokens: string[] = [],
  ): Promise<{ account: Account; token: string; session: SessionRecord; deviceCookie: string; recoveryCode: string | null }> {
    const accountKey = normaliseEmail(email).slice(0, EMAIL_MAX);
    const found = password.length <= PASSWORD_MAX_LENGTH * 4 ? await this.deps.accounts.byEmail(email) : null;
    const now = this.deps.clock.now();
    const device = found ? this.knownDevice(deviceTokens, found.id, now) : null;
    const limits: Array<[Limiter, string]> = device
      ? [[this.deps.signInByDevice, device]]
      : [
          [this.deps.signInByAddress, address],
          [this.deps.signInByAccount, accountKey],
        ];
    await refuseWhileBlocked(limits);

    const ok = found ? await this.deps.hasher.verify(found.passwordHash, password) : await this.deps.hasher.verifyNothing(password);
    if (!found || !ok) {
      await Promise.all(limits.map(([limiter, key]) => limiter.hit(key)));
      fail('invalid_credentials');
    }
    const account = found;
    if (account.disabledAt !== null) refuse('account_disabled');
    // A known browser's success clears only its own count: the owner signing in must not hand
    // someone guessing elsewhere a fresh set of tries.
    await (device ? this.deps.signInByDevice.reset(device) : this.deps.signInByAccount.reset(accountKey));
    if (this.deps.hasher.needsRehash(account.passwordHash)) {
      await this.deps.accounts.updatePasswordHash(account.id, await this.deps.hasher.hash(password), now.toISOString());
    }
    const key = await this.deps.personalKeys.forSignIn(account.id, password);
    const { token, session } = await this.startSession(account.id, kind, key);
    // Set only while the person has not yet kept it (a key made at this sign-in, or after a reset).
    const recoveryCode = await this.deps.personalKeys.recoveryCode(account.id, key, 'unseen');
    return { account: publicAccount(account), token, session, deviceCookie: this.deviceCookieFor(account.id, deviceTokens), recoveryCode };
  }

  /** The browser's device cookie once `accountId` has signed in (or up) in it: a fresh token for the account first. */
  deviceCookieFor(accountId: string, deviceTokens: string[]): string {
    const now = this.deps.clock.now();
    const fresh = issueDeviceToken(accountId, newToken().slice(0, 32), now, this.deps.deviceMac);
    return writeDeviceCookie(deviceTokens, fresh, accountId, now, this.deps.deviceMac);
  }

  /** The id of the first device token issued to this browser for `accountId`, if any is still good. */
  private knownDevice(tokens: string[], accountId: string, now: Date): string | null {
    for (const token of tokens) {
      const id = deviceTokenFor(token, accountId, now, this.deps.deviceMac);
      if (id) return id;
    }
    return null;
  }

  /** A fresh random token for every sign-in; only its hash is stored, and the personal key wrapped under it. */
  private async startSession(
    accountId: string,
    kind: SessionRecord['kind'],
    key: PersonalKey,
  ): Promise<{ token: string; session: SessionRecord }> {
    const now = this.deps.clock.now();
    const token = newToken();
    const session: SessionRecord = {
      id: newId(),
      accountId,
      kind,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_IDLE_DAYS * DAY_MS).toISOString(),
    };
    const personalKeyWrap = this.deps.personalKeys.wrapForSession(key, accountId, session.id, token);
    await this.deps.sessions.insert({ ...session, tokenHash: sha256(token), personalKeyWrap });
    holdPersonalKey(accountId, key);
    return { token, session };
  }

  /**
   * `spaceId`: the space the request is about, if any; its membership is read in the same
   * statement. `automatic`: a request the page made by itself (platform/web/automatic.ts), which does not
   * extend the session.
   */
  async authenticate(token: string, spaceId?: string, use: 'person' | 'automatic' = 'person'): Promise<Authenticated | null> {
    if (token.length === 0 || token.length > 200) return null;
    const found: (SignedIn & { member?: MemberRevision | null }) | null =
      spaceId === undefined
        ? await this.deps.sessions.withAccount(sha256(token))
        : await this.deps.sessions.withAccountForSpace(sha256(token), spaceId);
    if (!found) return null;
    const { session } = found;
    const now = this.deps.clock.now();
    if (session.expiresAt <= now.toISOString()) {
      await this.deps.sessions.deleteForAccount(session.accountId, session.id);
      return null;
    }
    // Only a person's own request extends the session; what a page does by itself does not.
    if (use === 'person' && now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_AFTER_MS) {
      session.lastSeenAt = now.toISOString();
      session.expiresAt = new Date(now.getTime() + SESSION_IDLE_DAYS * DAY_MS).toISOString();
      await this.deps.sessions.touch(session.id, session.lastSeenAt, session.expiresAt);
    }
    const personalKey = found.personalKeyWrap
      ? this.deps.personalKeys.openForSession(found.personalKeyWrap, session.accountId, session.id, token)
      : null;
    if (personalKey) holdPersonalKey(session.accountId, personalKey);
    const authenticated: Authenticated = {
      account: this.deps.accounts.fromFacts(found.account),
      session,
      mayBeTherapist: found.mayBeTherapist,
      personalKey,
      adoptPersonalKey: async (key) => {
        await this.deps.sessions.setPersonalKeyWrap(
          session.id,
          this.deps.personalKeys.wrapForSession(key, session.accountId, session.id, token),
        );
        holdPersonalKey(session.accountId, key);
        authenticated.personalKey = key;
      },
    };
    if (spaceId !== undefined && found.member !== undefined) authenticated.membership = { spaceId, member: found.member };
    return authenticated;
  }

  /**
   * The account a session token still belongs to, without touching the session: an open live
   * stream asks this on every heartbeat, and must not keep an unattended tab signed in forever.
   */
  async stillSignedIn(token: string): Promise<string | null> {
    if (token.length === 0 || token.length > 200) return null;
    const session = await this.deps.sessions.byTokenHash(sha256(token));
    if (!session || session.expiresAt <= this.deps.clock.now().toISOString()) return null;
    return session.accountId;
  }

  /**
   * The account with this email, for the operator's commands (`mend export-user`): never its
   * password hash; null when there is none.
   */
  async byEmailForOperator(email: string): Promise<Account | null> {
    const account = await this.deps.accounts.byEmail(email);
    return account ? publicAccount(account) : null;
  }

  /** Whether the operator disabled this account; null when there is none. */
  async disabledAt(accountId: string): Promise<string | null | undefined> {
    return (await this.deps.accounts.byId(accountId))?.disabledAt;
  }

  listSessions(accountId: string): Promise<SessionRecord[]> {
    return this.deps.sessions.listForAccount(accountId);
  }

  sessionsPage(accountId: string, at: PageRequest): Promise<Page<SessionRecord>> {
    return this.deps.sessions.pageForAccount(accountId, at.after, at.size);
  }

  async revokeSession(accountId: string, sessionId: string): Promise<void> {
    if (!(await this.deps.sessions.deleteForAccount(accountId, sessionId))) fail('not_found');
  }

  revokeAllSessions(accountId: string): Promise<void> {
    return this.deps.sessions.deleteAllForAccount(accountId);
  }

  /** Confirms the password for this session, unlocking export, deletion and therapist consent for a while. */
  async reauthenticate(auth: Authenticated, password: string): Promise<void> {
    await this.confirmPassword(auth.account.id, password);
    const now = this.deps.clock.now().toISOString();
    await this.deps.sessions.markReauthenticated(auth.session.id, now);
    auth.session.reauthenticatedAt = now;
  }

  /** True when the password was confirmed in this session within the last REAUTH_MINUTES. */
  recentlyReauthenticated(auth: Authenticated): boolean {
    const at = auth.session.reauthenticatedAt;
    return !!at && this.deps.clock.now().getTime() - Date.parse(at) < REAUTH_MINUTES * 60 * 1000;
  }

  async updateSettings(accountId: string, input: { displayName: string; timezone: string; country: string }): Promise<void> {
    const details: ErrorDetails = {};
    const name = input.displayName.trim();
    const nameWrong = nameProblem(name, DISPLAY_NAME_MAX, NAME_MISSING);
    if (nameWrong) details.displayName = nameWrong;
    if (!isValidTimeZone(input.timezone)) details.timezone = 'Choose a time zone from the list.';
    // The same choices as at sign-up: a listed country, "another country", or none.
    const country = parseCountryChoice(input.country);
    if (country === undefined) details.country = 'Choose a country from the list.';
    if (Object.keys(details).length > 0) fail('invalid_input', details);
    await this.deps.accounts.updateSettings(
      accountId,
      { displayName: name, timezone: input.timezone, country: country ?? null },
      this.deps.clock.now().toISOString(),
    );
  }

  /** Whether Quick exit also ends the session before leaving (on unless the person turns it off). */
  setQuickExitSignsOut(accountId: string, signsOut: boolean): Promise<void> {
    return this.deps.accounts.setQuickExitSignsOut(accountId, signsOut, this.deps.clock.now().toISOString());
  }

  /**
   * The one check of a password typed inside a signed-in session (re-authentication, export,
   * deletion, therapist consent, password change). Wrong answers are limited per account like
   * sign-in, so someone holding an unlocked phone cannot keep guessing.
   */
  async confirmPassword(accountId: string, password: string): Promise<void> {
    await refuseWhileBlocked([[this.deps.confirmByAccount, accountId]]);
    const account = password.length <= PASSWORD_MAX_LENGTH * 4 ? await this.deps.accounts.byId(accountId) : null;
    if (!account || !(await this.deps.hasher.verify(account.passwordHash, password))) {
      await this.deps.confirmByAccount.hit(accountId);
      refuse('current_password_needed', { password: 'That password is not right.' });
    }
  }

  /**
   * Changes the password after confirming the current one, under the sign-up rules. Every other
   * session ends; this one stays.
   */
  async changePassword(auth: Authenticated, currentPassword: string, newPassword: string): Promise<void> {
    await this.confirmPassword(auth.account.id, currentPassword);
    await this.judgeNewPassword(auth.account, newPassword, 'newPassword');
    const id = auth.account.id;
    const key = await this.deps.personalKeys.openWithPassword(id, currentPassword);
    if (key) {
      // The password and the key's wrap under it are written together.
      await this.deps.personalKeys.rewrapPassword(id, key, newPassword);
      await this.deps.sessions.deleteOthersForAccount(id, auth.session.id);
      return;
    }
    await this.storePassword(id, newPassword);
    await this.deps.sessions.deleteOthersForAccount(id, auth.session.id);
    // An account from before personal keys, in a session from before them: its key is made now,
    // wrapped for this session, and its private texts sealed again under it.
    const made = await this.deps.personalKeys.create(id, newPassword, true);
    await auth.adoptPersonalKey?.(made.key);
    await this.deps.personalKeys.reseal(id, made.key);
  }

  /** Refuses a new password the sign-up rules refuse; `field` names it in the details. */
  async judgeNewPassword(account: Pick<Account, 'email' | 'displayName'>, password: string, field: string): Promise<void> {
    const verdict = judgePassword(password, [account.email, account.displayName], await loadStrengthEstimator());
    if (!verdict.ok) fail('weak_password', { [field]: verdict.reason });
  }

  async storePassword(accountId: string, password: string): Promise<void> {
    await this.deps.accounts.updatePasswordHash(accountId, await this.deps.hasher.hash(password), this.deps.clock.now().toISOString());
  }

  /** Removes the account row (its own rows cascade); account-deletion.ts hands its spaces over first. */
  async removeAccount(accountId: string): Promise<void> {
    await this.deps.accounts.delete(accountId);
  }

  /**
   * The operator's `mend accounts disable|enable`: a disabled account cannot sign in and its
   * sessions end at once. Answers false when there is no such account.
   */
  setDisabled(accountId: string, disabled: boolean): Promise<boolean> {
    const now = this.deps.clock.now().toISOString();
    return this.deps.accounts.setDisabled(accountId, disabled ? now : null, now);
  }
}
