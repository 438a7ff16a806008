import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import { fail, refuse } from '../../platform/errors.js';
import { isIsoDate, isValidTimeZone, localDate } from '../../core/time.js';
import type { Account } from '../../core/accounts/account.js';
import { newId, newToken, sha256 } from '../../platform/db/ids.js';
import type { Meeting, MeetingAgenda, MeetingSchedule, MeetingStore } from './store.js';

export type { Meeting, MeetingAgenda, MeetingSchedule };
import type { SpaceService } from '../spaces/index.js';
import { calendarFeed } from './calendar-feed.js';
import { NOTE_MAX } from '../checkin/index.js';
import { spaceView } from '../spaces/index.js';
import type { Clock } from '../../platform/clock.js';
import { outcome, type Outcome } from '../../core/events.js';
import { isClockTime } from '../../core/clock-time.js';

export const AGENDA_SECTIONS: ReadonlyArray<{ key: keyof MeetingAgenda; title: string; hint: string; coach: boolean }> = [
  { key: 'appreciations', title: 'Appreciations', hint: 'Something each of you noticed and valued this week, however small.', coach: true },
  { key: 'wentWell', title: 'What went well', hint: 'Moments that felt easier, kinder or more honest.', coach: true },
  {
    key: 'agreementLog',
    title: 'The week’s agreement log',
    hint: 'Look at the log together: what was kept, what was missed, what got in the way.',
    coach: true,
  },
  { key: 'concern', title: 'One concern, raised gently', hint: 'Just one. Try “I feel … when … because … I need …”.', coach: true },
  { key: 'requests', title: 'Requests for the coming week', hint: 'Small, concrete things you would each like.', coach: true },
];

/** The weekly check-in meeting: its guided record, its time, and each partner's calendar feed. */
export class MeetingService {
  constructor(private readonly deps: { meetings: MeetingStore; spaces: SpaceService; clock: Clock; baseUrl: URL }) {}

  async record(account: Account, spaceId: string, input: { heldOn?: string; agenda: Partial<MeetingAgenda> }): Promise<Outcome<Meeting>> {
    const view = await spaceView(this.deps.spaces, account.id, spaceId);
    if (!view.isPartner) refuse('partners_only');
    const today = localDate(this.deps.clock.now(), account.timezone);
    const heldOn = input.heldOn ?? today;
    if (!isIsoDate(heldOn)) fail('invalid_input', { heldOn: 'Use a date like 2025-03-14.' });
    if (heldOn > today) fail('invalid_input', { heldOn: 'Record a meeting once it has happened.' });
    const agenda: MeetingAgenda = { appreciations: '', wentWell: '', agreementLog: '', concern: '', requests: '' };
    const details: Record<string, string> = {};
    for (const { key } of AGENDA_SECTIONS) {
      const text = (input.agenda[key] ?? '').trim();
      if ([...text].length > NOTE_MAX) details[key] = `Keep it to ${NOTE_MAX} characters.`;
      agenda[key] = text;
    }
    if (Object.keys(details).length) fail('invalid_input', details);
    if (AGENDA_SECTIONS.every(({ key }) => agenda[key] === ''))
      fail('invalid_input', { appreciations: 'Write something in at least one part of the agenda.' });
    const id = newId();
    const now = this.deps.clock.now().toISOString();
    await this.deps.meetings.create({ id, spaceId, heldOn, createdBy: account.id, agenda, now });
    return outcome(
      { id, spaceId, heldOn, createdBy: account.id, agenda, createdAt: now },
      {
        spaceId,
        live: { kind: 'meeting', id, date: heldOn },
        notify: {
          type: 'meeting_recorded',
          actorId: account.id,
          link: `/spaces/${spaceId}/meetings`,
          about: { kind: 'meeting_note', id, authorId: account.id, visibility: 'shared' },
          membership: view.membership,
        },
      },
    );
  }

  /** Meeting records are shared with both partners and an active therapist. */
  async list(accountId: string, spaceId: string, at: PageRequest = FIRST_PAGE): Promise<Page<Meeting>> {
    await spaceView(this.deps.spaces, accountId, spaceId);
    return this.deps.meetings.page(spaceId, at.after, at.size);
  }

  async schedule(accountId: string, spaceId: string): Promise<MeetingSchedule | null> {
    await spaceView(this.deps.spaces, accountId, spaceId);
    return this.deps.meetings.schedule(spaceId);
  }

  async setSchedule(
    account: Account,
    spaceId: string,
    input: { weekday: number; time: string; durationMinutes?: number },
  ): Promise<Outcome<MeetingSchedule>> {
    const view = await spaceView(this.deps.spaces, account.id, spaceId);
    if (!view.isPartner) fail('forbidden');
    if (!Number.isInteger(input.weekday) || input.weekday < 1 || input.weekday > 7)
      fail('invalid_input', { weekday: 'Choose a day of the week.' });
    if (!isClockTime(input.time)) fail('invalid_input', { time: 'Use a time like 19:30.' });
    const duration = input.durationMinutes ?? 45;
    if (!Number.isInteger(duration) || duration < 10 || duration > 240)
      fail('invalid_input', { durationMinutes: 'Choose between 10 and 240 minutes.' });
    const timezone = isValidTimeZone(account.timezone) ? account.timezone : 'UTC';
    const schedule: MeetingSchedule = {
      spaceId,
      weekday: input.weekday,
      time: input.time,
      durationMinutes: duration,
      timezone,
      updatedBy: account.id,
      updatedAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.meetings.setSchedule(schedule);
    return outcome(schedule, {
      spaceId,
      // The time is on every member's meetings page (a therapist's too), so it is news for all.
      live: { kind: 'meeting_schedule' },
      notify: {
        type: 'meeting_scheduled',
        actorId: account.id,
        link: `/spaces/${spaceId}/meetings`,
        about: { kind: 'progress', id: spaceId },
        membership: view.membership,
      },
    });
  }

  /** A new secret feed URL for the account; any earlier one stops working. */
  async newFeed(accountId: string): Promise<{ url: string }> {
    const now = this.deps.clock.now().toISOString();
    await this.deps.meetings.revokeFeeds(accountId, now);
    const token = newToken();
    await this.deps.meetings.createFeed({ id: newId(), accountId, tokenHash: sha256(token), now });
    return { url: this.feedUrl(token) };
  }

  async revokeFeed(accountId: string): Promise<void> {
    await this.deps.meetings.revokeFeeds(accountId, this.deps.clock.now().toISOString());
  }

  async hasFeed(accountId: string): Promise<boolean> {
    return (await this.deps.meetings.activeFeed(accountId)) !== null;
  }

  feedUrl(token: string): string {
    return new URL(`/calendar/${token}.ics`, this.deps.baseUrl).href;
  }

  /** The .ics for a feed secret, or null when it is unknown or revoked. */
  async feed(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const accountId = await this.deps.meetings.feedOwner(sha256(token));
    if (!accountId) return null;
    const spaces = await this.deps.spaces.listForAccount(accountId);
    const schedules = [];
    for (const s of spaces) {
      if (s.role !== 'partner') continue;
      const schedule = await this.deps.meetings.schedule(s.id);
      if (schedule) schedules.push({ ...schedule, spaceStartOn: schedule.updatedAt.slice(0, 10) });
    }
    return calendarFeed({ accountId, schedules, baseUrl: this.deps.baseUrl, now: this.deps.clock.now() });
  }
}
