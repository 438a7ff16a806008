import { checkinReminderEmail, meetingReminderEmail, waitingEmail, type EmailText } from '../../core/notifications/emails.js';
import { emailStopToken, readEmailStopToken, type EmailList, type Mac } from '../../core/notifications/email-stop-token.js';
import { withinQuietHours } from '../../core/notifications/quiet-hours.js';
import { nextAttemptAt } from '../../core/notifications/retry.js';
import { settledBefore, waitingEmailDue, waitingEmailStillWanted } from '../../core/notifications/waiting-email.js';
import { localDate } from '../../core/time.js';
import type { CheckinStore } from '../checkin/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { EmailKind, EmailStore, OutboxEmail } from './email-store.js';
import type { NotificationStore } from './store.js';
import type { Metrics } from '../../platform/metrics/metrics.js';

/** How far back the loop looks for notifications that wait: what waited longer was told already, or the loop was down. */
const LOOK_BACK_MS = 2 * 24 * 60 * 60 * 1000;
/** A try still unsettled after this long belongs to a server that stopped while sending. */
const SENDING_LEASE_MS = 30 * 60 * 1000;
/** Settled emails are forgotten after a week. */
const KEEP_SETTLED_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many emails per round; the rest wait a minute. */
const BATCH = 100;
/**
 * The mail server could not be reached at all (nodemailer's codes): the rest of the round waits for
 * the next one instead of each email waiting out its own timeout.
 */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET']);

export interface EmailAccount {
  id: string;
  email: string;
  timezone: string;
}

/** The path of the page that stops one kind of email; the token is the only key to it. */
export const emailStopPath = (token: string): string => `/email/stop/${token}`;

/** What a log line may say about a failed email: its kind and the mail system's codes, never an address or text. */
function failureFields(kind: EmailKind, attempt: number, error: unknown): Record<string, unknown> {
  const e = error as { code?: unknown; responseCode?: unknown } | null;
  return {
    kind,
    attempt,
    code: typeof e?.code === 'string' && /^[A-Z_]{1,32}$/.test(e.code) ? e.code : 'unknown',
    ...(typeof e?.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
  };
}

/**
 * Emails about the app (issue #18): "something is waiting for you" when a person has been away
 * since it arrived, and the reminders they asked for. Everything here runs in the background
 * loop (reminders.ts), never in a request: the in-app notification is saved first and never
 * waits for an email. Each email is a row of `email_outbox`, claimed by one server before it is
 * sent, retried with a growing wait when the mail server fails, held back in quiet hours, and
 * dropped once it is no longer wanted. Nothing anyone wrote is in any of them (core/notifications/emails.ts).
 */
export class EmailDelivery {
  constructor(
    private readonly deps: {
      emails: EmailStore;
      notifications: NotificationStore;
      checkins: CheckinStore;
      accountById: (id: string) => Promise<EmailAccount | null>;
      /** Whether the account is still a partner in the space a reminder is about. */
      stillPartner: (spaceId: string, accountId: string) => Promise<boolean>;
      mailer: Mailer | null;
      clock: Clock;
      baseUrl: URL;
      /** A keyed hash under the server's key, for the links that stop emails. */
      stopMac: Mac;
      /** Emails sent, tried again, given up and dropped are counted here. */
      metrics?: Metrics;
    },
  ) {}

  /** Where failures are reported: the app's logger (set when the loop starts). */
  log: { warn(obj: object, msg: string): void; info?(obj: object, msg: string): void } | null = null;

  /** Whether this Mend sends email at all (MEND_SMTP_URL). */
  get enabled(): boolean {
    return this.deps.mailer !== null;
  }

  /** The link that stops `list` emails to this account, without signing in. */
  stopLink(accountId: string, list: EmailList): string {
    return new URL(emailStopPath(emailStopToken(accountId, list, this.deps.stopMac)), this.deps.baseUrl).href;
  }

  /** Whose emails, and which, a stop token is for; null for a token Mend did not make. */
  readStopToken(token: string): { accountId: string; list: EmailList } | null {
    return readEmailStopToken(token, this.deps.stopMac);
  }

  /** Queues a reminder's email (reminders.ts calls it after saving the in-app reminder). */
  async queueReminder(r: {
    key: string;
    accountId: string;
    kind: 'checkin_reminder' | 'meeting_reminder';
    spaceId: string;
    localDate: string;
    expiresAt: Date;
  }): Promise<void> {
    if (!this.enabled) return;
    if (!(await this.deps.notifications.preferences(r.accountId)).reminderEmail) return;
    await this.deps.emails.queue({ ...r, expiresAt: r.expiresAt.toISOString(), now: this.deps.clock.now().toISOString() });
  }

  /** Finds the people something waits on who have been away since, and queues their email. */
  async queueWaiting(): Promise<number> {
    if (!this.enabled) return 0;
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - LOOK_BACK_MS).toISOString();
    let queued = 0;
    for (const { accountId, newest } of await this.deps.emails.newestWaiting(since, settledBefore(now))) {
      // The cheap facts first: most people were told already, or have been back since.
      const state = await this.deps.emails.waitingState(accountId);
      if (state.coveredUntil !== null && state.coveredUntil >= newest) continue;
      const lastSeenAt = await this.deps.emails.lastSeen(accountId);
      if (lastSeenAt !== null && lastSeenAt >= newest) continue;
      const account = await this.deps.accountById(accountId);
      if (!account) continue;
      const prefs = await this.deps.notifications.preferences(accountId);
      const decision = waitingEmailDue({
        now,
        enabled: prefs.waitingEmail,
        quietHours: prefs.quietHours,
        timezone: account.timezone,
        newestWaiting: newest,
        lastSeenAt,
        coveredUntil: state.coveredUntil,
        lastSentAt: state.lastSentAt,
        inFlight: await this.deps.emails.inFlight(accountId, 'waiting'),
      });
      if (decision.due && (await this.deps.emails.queueWaiting(accountId, state.coveredUntil, decision.covers, now.toISOString())))
        queued++;
    }
    return queued;
  }

  /** Sends every queued email that is due and still wanted. Returns the keys sent. */
  async deliver(): Promise<string[]> {
    if (!this.deps.mailer) return [];
    const now = this.deps.clock.now();
    const abandoned = await this.deps.emails.abandonStale(new Date(now.getTime() - SENDING_LEASE_MS).toISOString(), now.toISOString());
    if (abandoned > 0) this.log?.warn({ count: abandoned }, 'emails whose sending was interrupted are not tried again, so none goes twice');
    await this.deps.emails.forgetSettled(new Date(now.getTime() - KEEP_SETTLED_MS).toISOString());
    const sent: string[] = [];
    const due = await this.deps.emails.due(now.toISOString(), BATCH);
    for (const [i, email] of due.entries()) {
      const outcome = await this.deliverOne(email, now);
      if (outcome === 'sent') sent.push(email.key);
      if (outcome === 'unreachable' && i + 1 < due.length) {
        this.log?.warn({ waiting: due.length - i - 1 }, 'the mail server cannot be reached; the other emails due wait for the next round');
        break;
      }
    }
    return sent;
  }

  private async deliverOne(email: OutboxEmail, now: Date): Promise<'sent' | 'not sent' | 'unreachable'> {
    const outcome = await this.tryOne(email, now);
    if (outcome !== 'sent' && outcome !== 'held')
      this.deps.metrics?.reminder('email', email.kind, outcome === 'unreachable' ? 'retry' : outcome);
    if (outcome === 'sent') {
      this.deps.metrics?.reminder('email', email.kind, 'sent');
      // Told, so that an operator who saw the failures sees the mail flowing again.
      if (email.attempts > 0) this.log?.info?.({ kind: email.kind, attempt: email.attempts + 1 }, 'an email that had failed was sent');
    }
    return outcome === 'sent' || outcome === 'unreachable' ? outcome : 'not sent';
  }

  private async tryOne(email: OutboxEmail, now: Date): Promise<'sent' | 'held' | 'dropped' | 'retry' | 'failed' | 'unreachable'> {
    const { emails } = this.deps;
    const account = await this.deps.accountById(email.accountId);
    if (
      !account ||
      (email.expiresAt !== null && Date.parse(email.expiresAt) <= now.getTime()) ||
      !(await this.stillWanted(email, account, now))
    ) {
      await emails.settle(email.key, 'dropped', now.toISOString());
      return 'dropped';
    }
    const prefs = await this.deps.notifications.preferences(account.id);
    // Held back, not dropped: it goes when the quiet hours end, if it is still wanted then.
    if (withinQuietHours({ quietHours: prefs.quietHours, timezone: account.timezone }, now)) return 'held';
    if (!(await emails.claim(email.key, now.toISOString()))) return 'held';
    const list: EmailList = email.kind === 'waiting' ? 'waiting' : 'reminders';
    const stop = this.stopLink(account.id, list);
    try {
      await this.deps.mailer!.send({
        to: account.email,
        ...this.render(email, stop),
        // RFC 2369 and RFC 8058: mail programs offer "unsubscribe", and may do it in one click.
        headers: { 'List-Unsubscribe': `<${stop}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
    } catch (error) {
      const attempt = email.attempts + 1;
      const next = nextAttemptAt(this.deps.clock.now(), attempt);
      const fields = failureFields(email.kind, attempt, error);
      if (next) {
        await emails.retryAt(email.key, next.toISOString());
        this.log?.warn({ ...fields, retryAt: next.toISOString() }, 'an email could not be sent; it will be tried again');
        return UNREACHABLE.has(String(fields.code)) ? 'unreachable' : 'retry';
      }
      await emails.settle(email.key, 'failed', this.deps.clock.now().toISOString());
      this.log?.warn(fields, 'an email could not be sent after the last try; it is given up');
      return 'failed';
    }
    await emails.sent(email, this.deps.clock.now().toISOString());
    return 'sent';
  }

  private async stillWanted(email: OutboxEmail, account: EmailAccount, now: Date): Promise<boolean> {
    const prefs = await this.deps.notifications.preferences(account.id);
    switch (email.kind) {
      case 'waiting':
        return waitingEmailStillWanted({
          decidedAt: email.createdAt,
          lastSeenAt: await this.deps.emails.lastSeen(account.id),
          stillUnread: await this.deps.emails.anyUnreadWaiting(account.id),
          enabled: prefs.waitingEmail,
        });
      case 'checkin_reminder':
        // Not once the day is over, nor once they checked in, nor after they left the space.
        return (
          prefs.reminderEmail &&
          prefs.dailyTime !== null &&
          email.localDate === localDate(now, account.timezone) &&
          !(await this.deps.checkins.hasCheckedIn(account.id, email.localDate)) &&
          (await this.stillInSpace(email, account))
        );
      case 'meeting_reminder':
        return prefs.reminderEmail && prefs.weeklyEmail && (await this.stillInSpace(email, account));
    }
  }

  /** A reminder queued before its person left the space would send them back to a space that is not theirs any more. */
  private stillInSpace(email: OutboxEmail, account: EmailAccount): Promise<boolean> {
    return email.spaceId === null ? Promise.resolve(true) : this.deps.stillPartner(email.spaceId, account.id);
  }

  private render(email: OutboxEmail, stop: string): EmailText {
    const link = (path: string) => new URL(path, this.deps.baseUrl).href;
    switch (email.kind) {
      case 'waiting':
        return waitingEmail({ open: link('/notifications'), stop });
      case 'checkin_reminder':
        return checkinReminderEmail({ open: link(`/spaces/${email.spaceId}/check-in`), stop });
      case 'meeting_reminder':
        return meetingReminderEmail({ open: link(`/spaces/${email.spaceId}/meetings/new`), stop });
    }
  }

  close(): void {
    this.deps.mailer?.close();
  }
}
