import { fail, refuse } from '../../platform/errors.js';
import { normaliseEmail, type AccountStore } from './store.js';
import { newToken, sha256 } from '../../platform/db/ids.js';
import type { PasswordResetStore } from './password-resets-store.js';
import type { SessionStore } from './sessions-store.js';
import type { PersonalKeys } from './personal-keys.js';
import { EMAIL_MAX, type AccountService } from './service.js';
import type { Clock } from '../../platform/clock.js';
import type { Email, Mailer } from '../../platform/mail/mailer.js';
import { refuseWhileBlocked, type Limiter } from '../../platform/http/rate-limiter.js';
import { sendSoon } from '../../platform/mail/send-soon.js';
import type { Metrics } from '../../platform/metrics/metrics.js';

/** How long a link to choose a new password works (OWASP Forgot Password Cheat Sheet: short-lived). */
export const RESET_LINK_MINUTES = 60;

export const resetPath = (token: string): string => `/reset-password/${token}`;

/** A failed reset email is tried again after these waits, then given up (the person can ask again). */
export const RESET_EMAIL_WAITS_MS = [5_000, 30_000, 120_000] as const;

/**
 * A way back from a forgotten password: a single-use link, by email when SMTP is configured, or
 * printed for the operator (`mend reset-password`). Only the token's hash is stored. Using a link
 * sets the new password and ends every session. What the person kept private is under their own
 * key (issue #23): the recovery code opens it again; without the code a new key is made and the
 * private writing is closed for good, which the person confirms first. Shared writing is untouched.
 */

/** How a reset treats the person's private writing: opened again with the recovery code, or let go. */
export interface PrivateWriting {
  recoveryCode?: string | undefined;
  /** The person confirmed that, without the code, their private writing cannot be opened again. */
  letGo?: boolean | undefined;
}
export class PasswordResetService {
  constructor(
    private readonly deps: {
      resets: PasswordResetStore;
      accounts: AccountStore;
      accountService: AccountService;
      personalKeys: PersonalKeys;
      sessions: SessionStore;
      clock: Clock;
      baseUrl: URL;
      mailer: Mailer | null;
      /** Requests, counted whether or not the email has an account. */
      requestsByAddress: Limiter;
      requestsByEmail: Limiter;
      /** Links that did not work, per address: nobody gets to try tokens at speed. */
      wrongLinksByAddress: Limiter;
      /** Reset emails sent, tried again and given up are counted here, beside the reminders'. */
      metrics?: Metrics;
      /** The waits before each new try of a failed email (tests shorten them). */
      emailWaitsMs?: readonly number[];
    },
  ) {}

  get sendsEmail(): boolean {
    return this.deps.mailer !== null;
  }

  /**
   * Asks for a link by email. The answer is the same whether or not the email has an account,
   * and so is the work done before it: the link is made and sent afterwards (`delivery`), since
   * waiting for the mail server would tell whoever asked that the account exists.
   */
  async request(email: string, address: string): Promise<{ delivery: Promise<void> }> {
    const key = normaliseEmail(email).slice(0, EMAIL_MAX);
    await refuseWhileBlocked([
      [this.deps.requestsByAddress, address],
      [this.deps.requestsByEmail, key],
    ]);
    await Promise.all([this.deps.requestsByAddress.hit(address), this.deps.requestsByEmail.hit(key)]);
    const mailer = this.deps.mailer;
    const account = key.length > 0 && mailer ? await this.deps.accounts.byEmail(key) : null;
    // A disabled account gets no link: the operator turned its sign-in off, and a reset would not turn it on.
    if (!account || !mailer || account.disabledAt !== null) return { delivery: Promise.resolve() };
    const delivery = this.issue(account.id).then((link) =>
      sendSoon(mailer, resetEmail(account.email, link), {
        waitsMs: this.deps.emailWaitsMs ?? RESET_EMAIL_WAITS_MS,
        outcome: (outcome) => this.deps.metrics?.reminder('email', 'password_reset', outcome),
      }),
    );
    return { delivery };
  }

  /** The operator's way, when Mend sends no email: a link for this account, to pass on in person. */
  async linkFor(email: string): Promise<string> {
    const account = await this.deps.accounts.byEmail(email);
    if (!account) refuse('no_account_with_email');
    if (account.disabledAt !== null) refuse('reset_for_disabled_account');
    return this.issue(account.id);
  }

  /** Whether a link still works, for the page that asks for the new password. */
  async works(token: string): Promise<boolean> {
    if (!plausible(token)) return false;
    const accountId = await this.deps.resets.accountFor(sha256(token), this.now());
    return accountId !== null && (await this.deps.accounts.byId(accountId))?.disabledAt === null;
  }

  /** Whether the link's account keeps private writing under its own key (the page then asks for the recovery code). */
  async asksForRecoveryCode(token: string): Promise<boolean> {
    if (!plausible(token)) return false;
    const accountId = await this.deps.resets.accountFor(sha256(token), this.now());
    return accountId !== null && (await this.deps.personalKeys.exists(accountId));
  }

  /**
   * Sets the new password with a working link, uses the link up and ends every session. Answers
   * `newKey` when the private writing was let go (a new recovery code is shown after sign-in).
   */
  async complete(token: string, password: string, address: string, writing: PrivateWriting = {}): Promise<{ newKey: boolean }> {
    await refuseWhileBlocked([[this.deps.wrongLinksByAddress, address]]);
    const hash = sha256(token);
    const accountId = plausible(token) ? await this.deps.resets.accountFor(hash, this.now()) : null;
    const account = accountId ? await this.deps.accounts.byId(accountId) : null;
    if (!account) {
      await this.deps.wrongLinksByAddress.hit(address);
      fail('reset_link_unusable');
    }
    // Disabled after the link was made: the link no longer changes anything.
    if (account.disabledAt !== null) fail('reset_link_unusable');
    // Judged before the link is used up, so a refused password (or recovery code) can be tried again with it.
    await this.deps.accountService.judgeNewPassword(account, password, 'password');
    const keys = this.deps.personalKeys;
    const hasKey = await keys.exists(account.id);
    const code = writing.recoveryCode?.trim() ?? '';
    const key = hasKey && code !== '' ? await keys.openWithRecoveryCode(account.id, code) : null;
    if (hasKey && code !== '' && !key) {
      await this.deps.wrongLinksByAddress.hit(address);
      refuse('recovery_code_wrong', { recoveryCode: 'That recovery code does not open this account.' });
    }
    if (hasKey && !key && !writing.letGo)
      refuse('private_texts_would_be_lost', { recoveryCode: 'Enter your recovery code, or confirm below.' });
    if ((await this.deps.resets.use(hash, this.now())) !== account.id) fail('reset_link_unusable');
    await keys.setPassword(account.id, password, key ?? (hasKey ? 'new' : null));
    await this.deps.resets.deleteSpent(account.id, this.now());
    await this.deps.sessions.deleteAllForAccount(account.id);
    return { newKey: hasKey && !key };
  }

  private async issue(accountId: string): Promise<string> {
    const token = newToken();
    const now = this.deps.clock.now();
    await this.deps.resets.insert({
      tokenHash: sha256(token),
      accountId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000).toISOString(),
    });
    return new URL(resetPath(token), this.deps.baseUrl).href;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

/** Tokens are 43 URL-safe characters (ids.ts newToken); anything else is not worth a query. */
const plausible = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

function resetEmail(to: string, link: string): Email {
  return {
    to,
    subject: 'Choosing a new Mend password',
    text: [
      'Hello,',
      '',
      'Someone asked for a way to choose a new password for the Mend account with this email address. If that was you, open this link within the next hour:',
      '',
      link,
      '',
      'The link works once. Choosing a new password signs you out everywhere. What you shared in Mend stays as it was; what you kept private opens again with the recovery code Mend gave you to keep.',
      '',
      'If you did not ask for this, you can ignore this email. Your password has not changed.',
      '',
      '— Mend',
    ].join('\n'),
  };
}
