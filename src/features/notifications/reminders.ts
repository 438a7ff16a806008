import { localDate } from '../../core/time.js';
import { newId } from '../../platform/db/ids.js';
import type { CheckinStore } from '../checkin/index.js';
import type { MeetingStore } from '../meetings/index.js';
import type { NotificationStore, ReminderPreferences } from './store.js';
import type { Clock } from '../../platform/clock.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { SpaceService } from '../spaces/index.js';

/** How often the in-process loop looks for reminders due. */
export const REMINDER_INTERVAL_MS = 60_000;
/** The weekly meeting reminder goes out from this long before the meeting until it starts. */
export const MEETING_LEAD_MINUTES = 120;

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Local wall-clock minutes since midnight and ISO weekday (1 = Monday) of `instant` in `timeZone`. */
export function localClock(instant: Date, timeZone: string): { minutes: number; weekday: number; date: string } {
  let f = clockFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    clockFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { minutes: Number(get('hour')) * 60 + Number(get('minute')), weekday, date: localDate(instant, timeZone) };
}

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Is the daily check-in reminder due: past the chosen time today, and not checked in yet. */
export function dailyDue(localMinutes: number, dailyTime: string, checkedInToday: boolean): boolean {
  return !checkedInToday && localMinutes >= minutesOf(dailyTime);
}

/** Is the weekly meeting reminder due: meeting day, within the lead time before it starts. */
export function weeklyDue(local: { minutes: number; weekday: number }, schedule: { weekday: number; time: string }): boolean {
  const start = minutesOf(schedule.time);
  return local.weekday === schedule.weekday && local.minutes >= start - MEETING_LEAD_MINUTES && local.minutes < start;
}

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

/** Where it is already latest in the day: a date no one's today is past (UTC+14). */
const EARLIEST_ZONE = 'Pacific/Kiritimati';

export interface ReminderAccount {
  id: string;
  email: string;
  timezone: string;
}

/**
 * Reminders: the daily check-in at the time each person picked, and the weekly meeting. In-app
 * always, by email when SMTP is configured. Each reminder is claimed in the database before it
 * is sent (`sent_reminders`), so two app servers or a restart never send it twice. Emails say
 * only that it is time, with a link — never anything anyone wrote.
 *
 * And one thing Mend tells without being asked: the day a partner chose to answer a question by
 * has come (in their time zone) and it is still unanswered. In-app only, once, claimed on the
 * deferral itself (`question_deferrals.due_told_at`) the same way.
 */
export class ReminderService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

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
      mailer: Mailer | null;
      clock: Clock;
      baseUrl: URL;
      log?: { warn(obj: object, msg: string): void };
    },
  ) {}

  /** Starts the loop; the timer is unref'd so it never keeps the process alive. */
  start(intervalMs = REMINDER_INTERVAL_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.deps.log?.warn({ err: error instanceof Error ? error.name : 'error' }, 'reminder round failed'))
        .finally(() => {
          this.running = null;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.deps.mailer?.close();
  }

  preferences(accountId: string): Promise<ReminderPreferences> {
    return this.deps.notifications.preferences(accountId);
  }

  setPreferences(accountId: string, p: ReminderPreferences): Promise<void> {
    return this.deps.notifications.setPreferences(accountId, p, this.deps.clock.now().toISOString());
  }

  get emailEnabled(): boolean {
    return this.deps.mailer !== null;
  }

  /** One round: sends whatever is due now. Returns the keys it sent (for tests). */
  async tick(): Promise<string[]> {
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
      const link = new URL(`/spaces/${spaces[0]!.id}/check-in`, this.deps.baseUrl).href;
      if (
        await this.deliver(key, account, spaces[0]!.id, 'checkin_reminder', `/spaces/${spaces[0]!.id}/check-in`, {
          subject: 'Your daily check-in',
          text: `Hello,\n\nThis is the reminder you asked for: a moment for today's check-in. It takes about twenty seconds.\n\n${link}\n\nYou can change or turn off reminders on your account page in Mend.\n`,
        })
      )
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
        if (
          await this.deliver(key, account, schedule.spaceId, 'meeting_reminder', path, {
            subject: 'Your weekly check-in is today',
            text: `Hello,\n\nYour weekly check-in meeting is at ${schedule.time} today. The agenda is ready in Mend when you are.\n\n${new URL(path, this.deps.baseUrl).href}\n\nYou can change or turn off reminders on your account page in Mend.\n`,
          })
        )
          sent.push(key);
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
      } catch (error) {
        await questions.release(q.questionId);
        this.deps.log?.warn({ err: error instanceof Error ? error.name : 'error' }, 'question date notification failed');
        continue;
      }
      sent.push(`question-due:${q.questionId}`);
    }
    return sent;
  }

  private async deliver(
    key: string,
    account: ReminderAccount,
    spaceId: string,
    type: string,
    link: string,
    email: { subject: string; text: string },
  ): Promise<boolean> {
    const now = this.deps.clock.now().toISOString();
    if (!(await this.deps.notifications.claimReminder(key, account.id, now))) return false;
    try {
      if (this.deps.mailer) await this.deps.mailer.send({ to: account.email, ...email });
    } catch (error) {
      // Give the claim back so the next round tries again; the in-app reminder waits for it.
      await this.deps.notifications.releaseReminder(key);
      this.deps.log?.warn({ err: error instanceof Error ? error.name : 'error' }, 'reminder email failed');
      return false;
    }
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
    return true;
  }
}
