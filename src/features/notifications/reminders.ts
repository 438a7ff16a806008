import { localDate } from '../../core/time.js';
import { newId } from '../../platform/db/ids.js';
import { localClock, minutesOf } from '../../core/notifications/local-clock.js';
import { withinQuietHours } from '../../core/notifications/quiet-hours.js';
import type { CheckinStore } from '../checkin/index.js';
import type { MeetingStore } from '../meetings/index.js';
import type { NotificationStore, ReminderPreferences } from './store.js';
import type { Clock } from '../../platform/clock.js';
import type { EmailDelivery } from './email-delivery.js';
import type { SpaceService } from '../spaces/index.js';
import type { EmailList } from '../../core/notifications/email-stop-token.js';
import type { Metrics } from '../../platform/metrics/metrics.js';

export { localClock, minutesOf };

/** How often the in-process loop looks for reminders due and emails to send. */
export const REMINDER_INTERVAL_MS = 60_000;
/** The weekly meeting reminder goes out from this long before the meeting until it starts. */
export const MEETING_LEAD_MINUTES = 120;
const MINUTE_MS = 60_000;

/** Is the daily check-in reminder due: past the chosen time today, and not checked in yet. */
export function dailyDue(localMinutes: number, dailyTime: string, checkedInToday: boolean): boolean {
  return !checkedInToday && localMinutes >= minutesOf(dailyTime);
}

/** Is the weekly meeting reminder due: meeting day, within the lead time before it starts. */
export function weeklyDue(local: { minutes: number; weekday: number }, schedule: { weekday: number; time: string }): boolean {
  const start = minutesOf(schedule.time);
  return local.weekday === schedule.weekday && local.minutes >= start - MEETING_LEAD_MINUTES && local.minutes < start;
}

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** A question given an answer-by date, still unanswered, whose answerer has not been told the date came. */
export interface DueQuestion {
  questionId: string;
  journeyId: string;
  spaceId: string;
  /** The partner who chose the date. */
  by: string;
  until: string;
}

/** The journeys' deferred questions, and the claim (in the database) that tells each answerer once. */
export interface DueQuestions {
  due(latest: string): Promise<DueQuestion[]>;
  claim(questionId: string, now: string): Promise<boolean>;
  release(questionId: string): Promise<void>;
}

/** Where the loop reports: failures at warn, an email that went through after failing at info. */
type RoundLog = { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };

/** Where it is already latest in the day: a date no one's today is past (UTC+14). */
const EARLIEST_ZONE = 'Pacific/Kiritimati';

export interface ReminderAccount {
  id: string;
  email: string;
  timezone: string;
}

/**
 * Reminders: the daily check-in at the time each person picked, and the weekly meeting. In-app
 * always, by email too when SMTP is configured and the person wants reminder emails. Each
 * reminder is claimed in the database before it is saved (`sent_reminders`), so two app servers
 * or a restart never send it twice. The in-app reminder is saved at once; its email is queued and
 * sent by the same round (email-delivery.ts), held back in quiet hours and retried on failure.
 * Emails say only that it is time, with a link — never anything anyone wrote.
 *
 * And one thing Mend tells without being asked: the day a partner chose to answer a question by
 * has come (in their time zone) and it is still unanswered. In-app only, once, claimed on the
 * deferral itself (`question_deferrals.due_told_at`) the same way.
 *
 * The loop here also runs the "something is waiting for you" emails (email-delivery.ts).
 */
export class ReminderService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Rounds run one after another in a process, whether the timer or a test starts them. */
  private rounds: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      notifications: NotificationStore;
      checkins: CheckinStore;
      meetings: MeetingStore;
      spaces: SpaceService;
      accountById: (id: string) => Promise<ReminderAccount | null>;
      /** The active partners of a space. */
      partnersOf: (spaceId: string) => Promise<string[]>;
      /** Deferred questions (the journeys' store); none when absent. */
      questions?: DueQuestions;
      emails: EmailDelivery;
      clock: Clock;
      /** Told whose notifications changed (a reminder written): their open pages' count moves (issue #18). */
      changed?: (accountId: string) => void;
      /** In-app reminders written are counted here (emails: email-delivery.ts). */
      metrics?: Metrics;
    },
  ) {}

  private log: RoundLog | null = null;
  /** The email lane of the loop, apart from the reminders' own (start). */
  private sending: Promise<void> | null = null;
  /** Rounds started by `tick` and not yet done. */
  private ticking = 0;

  /**
   * Starts the loop; the timer is unref'd so it never keeps the process alive. Two lanes: the
   * in-app reminders, and the emails. An email round may take long — a mail server that accepts
   * connections and then says nothing holds it for nodemailer's timeouts — and the next minute's
   * in-app reminders do not wait for it: each lane skips a tick only while its own round runs. The
   * email lane starts after the reminders written in the same tick, so their emails go at once.
   */
  start(options: { intervalMs?: number; log?: RoundLog } = {}): void {
    if (this.timer) return;
    if (options.log) this.log = this.deps.emails.log = options.log;
    const failed = (what: string) => (error: unknown) =>
      this.log?.warn({ err: error instanceof Error ? error.name : 'error' }, `${what} failed`);
    this.timer = setInterval(() => {
      if (this.ticking > 0) return;
      if (!this.running) {
        this.running = this.remind()
          .then(() => undefined, failed('reminder round'))
          .finally(() => {
            this.running = null;
          });
      }
      if (!this.sending) {
        this.sending = (this.running ?? Promise.resolve())
          .then(() => this.sendEmails())
          .catch(failed('email round'))
          .finally(() => {
            this.sending = null;
          });
      }
    }, options.intervalMs ?? REMINDER_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.sending;
    await this.rounds.catch(() => undefined);
    this.deps.emails.close();
  }

  preferences(accountId: string): Promise<ReminderPreferences> {
    return this.deps.notifications.preferences(accountId);
  }

  /** Saves what changed; choices left out stay as they were. */
  async setPreferences(accountId: string, change: Partial<ReminderPreferences>): Promise<void> {
    const current = await this.deps.notifications.preferences(accountId);
    await this.deps.notifications.setPreferences(accountId, { ...current, ...definedOnly(change) }, this.deps.clock.now().toISOString());
  }

  /** Whose emails, and which kind, a stop link is for; null for a link Mend did not make. */
  emailStop(token: string): { accountId: string; list: EmailList } | null {
    return this.deps.emails.readStopToken(token);
  }

  /** Turns one kind of email off or on, leaving every other choice as it is. */
  setEmailList(accountId: string, list: EmailList, on: boolean): Promise<void> {
    return this.deps.notifications.setEmailList(accountId, list, on, this.deps.clock.now().toISOString());
  }

  /** Whether this Mend sends email at all (MEND_SMTP_URL). */
  get emailEnabled(): boolean {
    return this.deps.emails.enabled;
  }

  /**
   * Whether `instant` is in the person's quiet hours, when Mend sends them nothing outside the
   * app. Anything else that reaches a person outside Mend (push) should ask this too.
   */
  async inQuietHours(accountId: string, instant: Date = this.deps.clock.now()): Promise<boolean> {
    const account = await this.deps.accountById(accountId);
    if (!account) return false;
    return withinQuietHours({ quietHours: (await this.preferences(accountId)).quietHours, timezone: account.timezone }, instant);
  }

  /**
   * One round: saves the reminders due now, queues and sends the emails due. Returns the keys of
   * the reminders it saved (for tests). Rounds in one process never overlap.
   */
  tick(): Promise<string[]> {
    // After the loop's own rounds, if any run; the loop skips its ticks while this one runs.
    const round = this.rounds.then(
      () => this.afterLanes(),
      () => this.afterLanes(),
    );
    this.rounds = round.catch(() => undefined);
    return round;
  }

  private async afterLanes(): Promise<string[]> {
    this.ticking += 1;
    try {
      await this.running;
      await this.sending;
      return await this.round();
    } finally {
      this.ticking -= 1;
    }
  }

  private async round(): Promise<string[]> {
    const sent = await this.remind();
    await this.sendEmails();
    return sent;
  }

  private async sendEmails(): Promise<void> {
    await this.deps.emails.queueWaiting();
    await this.deps.emails.deliver();
  }

  private async remind(): Promise<string[]> {
    const now = this.deps.clock.now();
    const sent: string[] = [];
    for (const { accountId, dailyTime } of await this.deps.notifications.dailyReminderAccounts()) {
      const account = await this.deps.accountById(accountId);
      if (!account) continue;
      const local = localClock(now, account.timezone);
      const spaces = (await this.deps.spaces.listForAccount(accountId)).filter((s) => s.role === 'partner');
      if (spaces.length === 0) continue;
      if (!dailyDue(local.minutes, dailyTime, await this.deps.checkins.hasCheckedIn(accountId, local.date))) continue;
      const key = `daily:${accountId}:${local.date}`;
      // Its email is of no use once the day is over (roughly: a clock change may move that by an hour;
      // the email's own check of the local date is exact).
      const endOfDay = new Date(now.getTime() + (24 * 60 - local.minutes) * MINUTE_MS);
      if (await this.deliver(key, account, spaces[0]!.id, 'checkin_reminder', `/spaces/${spaces[0]!.id}/check-in`, local.date, endOfDay))
        sent.push(key);
    }
    const weekly = new Set(await this.deps.notifications.weeklyReminderAccounts());
    for (const schedule of await this.deps.meetings.allSchedules()) {
      const local = localClock(now, schedule.timezone);
      if (!weeklyDue(local, schedule)) continue;
      const members = await this.deps.partnersOf(schedule.spaceId);
      for (const accountId of members) {
        if (!weekly.has(accountId)) continue;
        const account = await this.deps.accountById(accountId);
        if (!account) continue;
        const key = `weekly:${accountId}:${schedule.spaceId}:${local.date}`;
        const path = `/spaces/${schedule.spaceId}/meetings/new`;
        // Its email is of no use once the meeting has begun.
        const starts = new Date(now.getTime() + (minutesOf(schedule.time) - local.minutes) * MINUTE_MS);
        if (await this.deliver(key, account, schedule.spaceId, 'meeting_reminder', path, local.date, starts)) sent.push(key);
      }
    }
    sent.push(...(await this.questionsDue(now)));
    return sent;
  }

  /** Tells each partner whose chosen answer-by date has come, once, that the question waits for them. */
  private async questionsDue(now: Date): Promise<string[]> {
    const questions = this.deps.questions;
    if (!questions) return [];
    const sent: string[] = [];
    for (const q of await questions.due(localDate(now, EARLIEST_ZONE))) {
      const account = await this.deps.accountById(q.by);
      if (!account || localDate(now, account.timezone) < q.until) continue;
      // A partner who has left the space since is not told about it.
      if (!(await this.deps.partnersOf(q.spaceId)).includes(q.by)) continue;
      const at = now.toISOString();
      if (!(await questions.claim(q.questionId, at))) continue;
      try {
        await this.deps.notifications.add({
          id: newId(),
          accountId: q.by,
          spaceId: q.spaceId,
          type: 'question_due',
          actorId: null,
          link: `/journeys/${q.journeyId}/questions#question-${q.questionId}`,
          createdAt: at,
          readAt: null,
        });
        this.deps.metrics?.reminder('app', 'question_due', 'sent');
        this.deps.changed?.(q.by);
      } catch (error) {
        await questions.release(q.questionId);
        this.log?.warn({ err: error instanceof Error ? error.name : 'error' }, 'question date notification failed');
        continue;
      }
      sent.push(`question-due:${q.questionId}`);
    }
    return sent;
  }

  /**
   * Saves a reminder once (claimed by its key), in-app at once; its email, if the person wants
   * reminder emails, is queued for the delivery that follows in the same round.
   */
  private async deliver(
    key: string,
    account: ReminderAccount,
    spaceId: string,
    type: 'checkin_reminder' | 'meeting_reminder',
    link: string,
    localDate: string,
    emailUsefulUntil: Date,
  ): Promise<boolean> {
    const now = this.deps.clock.now().toISOString();
    if (!(await this.deps.notifications.claimReminder(key, account.id, now))) return false;
    await this.deps.notifications.add({
      id: newId(),
      accountId: account.id,
      spaceId,
      type,
      actorId: null,
      link,
      createdAt: now,
      readAt: null,
    });
    this.deps.metrics?.reminder('app', type, 'sent');
    this.deps.changed?.(account.id);
    await this.deps.emails.queueReminder({ key, accountId: account.id, kind: type, spaceId, localDate, expiresAt: emailUsefulUntil });
    return true;
  }
}
