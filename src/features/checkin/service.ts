import { fail, refuse } from '../../platform/errors.js';
import { addDays, isIsoDate, localDate } from '../../core/time.js';
import { canSeeCheckInNote, canSeeCheckinNumbers } from '../../core/visibility/index.js';
import { outcome, type Outcome } from '../../core/events.js';
import type { DayMark } from '../../core/checkin/day-mark.js';
import type { Kysely } from 'kysely';
import type { Account } from '../../core/accounts/account.js';
import { isSameDayConflict, type Checkin, type CheckinInput, type CheckinStore, type ReplacedCheckin, type StoredNote } from './store.js';
import type { GroupCommitter } from '../../platform/db/group-commit.js';
import type { Database } from '../../platform/db/schema.js';
import { newId } from '../../platform/db/ids.js';
import type { Clock } from '../../platform/clock.js';
import { spaceView, type SpaceService, type SpaceView } from '../spaces/index.js';

/** A check-in may be written for today or the two days before (a forgotten evening), never the future. */
export const CHECKIN_BACKDATE_DAYS = 2;
export const NOTE_MAX = 2000;
/** How far back one `GET …/checkins` may reach. */
export const CHECKIN_RANGE_MAX_DAYS = 366;

export interface TextInput {
  text: string;
  visibility: 'private' | 'shared' | 'sealed';
}

/** A note as stored: notes are private or shared; "sealed" is only for paired prompts. */
export function noteFrom(input: TextInput | undefined | null, field = 'note'): StoredNote | null {
  if (!input) return null;
  const text = input.text.trim();
  if (text === '') return null;
  if ([...text].length > NOTE_MAX) fail('invalid_input', { [field]: `Keep it to ${NOTE_MAX} characters.` });
  if (input.visibility === 'sealed') fail('invalid_input', { [field]: 'A note is private or shared; sealed is only for paired prompts.' });
  return { text, visibility: input.visibility };
}

/** A check-in as one viewer may see it (docs/privacy-rules.md). */
export interface CheckinView extends Omit<Checkin, 'note' | 'safety' | 'trust' | 'closeness' | 'day'> {
  /** Null, with the day's mark, when its owner keeps their numbers to themselves (issue #14). */
  safety: number | null;
  trust: number | null;
  closeness: number | null;
  day: DayMark | null;
  /** Whether its owner shares their numbers with their partner and an active therapist. */
  numbersShared: boolean;
  note: StoredNote | null;
}

/** What stands in for numbers the viewer may not see: nothing, not even the day's mark. */
const NUMBERS_KEPT = { safety: null, trust: null, closeness: null, day: null } as const;

/**
 * Records a person's choice whether their check-in numbers are shared, on `db` (an open
 * transaction), and makes every kept view of their spaces stale. Wired with the stores
 * (checkins-progress-wiring.ts).
 */
export type NumbersChoiceWriter = (db: Kysely<Database>, accountId: string, shared: boolean, now: string) => Promise<void>;

/**
 * Whether others can see that this write changed something: a new check-in, other scores or day
 * mark when they are shared, or a note that is or was shared. Rewriting only what is the author's
 * alone (a private note, numbers kept to themselves) must not even be signalled.
 */
function noticeable(replaced: ReplacedCheckin | null, next: CheckinInput, numbersShared: boolean): boolean {
  if (!replaced) return true;
  if (
    numbersShared &&
    (replaced.safety !== next.safety || replaced.trust !== next.trust || replaced.closeness !== next.closeness || replaced.day !== next.day)
  )
    return true;
  return replaced.noteVisibility === 'shared' || next.note?.visibility === 'shared';
}

const score = (v: unknown, field: string, max = 10, min = 0): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    fail('invalid_input', { [field]: `Choose a whole number from ${min} to ${max}.` });
  return v;
};

/** What a partner sends for a day's check-in. */
export interface CheckinWrite {
  safety: number;
  trust: number;
  closeness: number;
  day?: DayMark | null;
  note?: TextInput | null;
  numbersShared?: boolean | null;
}

/** Daily pulse check-ins (SPEC section 2); reassurance and monthly reviews have their own services. */
export class CheckinService {
  constructor(
    private readonly deps: {
      checkins: CheckinStore;
      spaces: SpaceService;
      /** Durable writes, grouped into shared commits on SQLite (platform/db/group-commit.ts). */
      writes: GroupCommitter;
      chooseNumbers: NumbersChoiceWriter;
      clock: Clock;
    },
  ) {}

  today(account: Pick<Account, 'timezone'>): string {
    return localDate(this.deps.clock.now(), account.timezone);
  }

  /** The dates a partner may check in for, newest first. */
  allowedDates(account: Pick<Account, 'timezone'>): string[] {
    const today = this.today(account);
    return Array.from({ length: CHECKIN_BACKDATE_DAYS + 1 }, (_, i) => addDays(today, -i));
  }

  async put(
    account: Account,
    spaceId: string,
    date: string,
    input: CheckinWrite,
  ): Promise<Outcome<{ created: boolean; checkin: CheckinView }>> {
    const view = await spaceView(this.deps.spaces, account.id, spaceId);
    if (!view.isPartner) refuse('partners_only');
    if (!isIsoDate(date)) fail('invalid_input', { date: 'Use a date like 2025-03-14.' });
    const allowed = this.allowedDates(account);
    if (date > allowed[0]!) fail('invalid_input', { date: 'A check-in cannot be for a day that has not come yet.' });
    if (!allowed.includes(date))
      fail('invalid_input', { date: `Check in for today, or for one of the ${CHECKIN_BACKDATE_DAYS} days before.` });
    const values = {
      safety: score(input.safety, 'safety'),
      trust: score(input.trust, 'trust'),
      closeness: score(input.closeness, 'closeness'),
    };
    const note = noteFrom(input.note);
    const now = this.deps.clock.now().toISOString();
    const checkin: CheckinInput = { spaceId, accountId: account.id, date, ...values, day: input.day ?? null, note, now };
    // A choice sent with the check-in is the person's choice from now on; none sent keeps theirs
    // (and one never made stays "not shared").
    const choice = typeof input.numbersShared === 'boolean' ? input.numbersShared : null;
    const numbersShared = (choice ?? account.checkinNumbersShared) === true;
    let result: Awaited<ReturnType<CheckinStore['write']>>;
    try {
      // The check-in and the choice are one write: both durable, or neither.
      result = await this.deps.writes.run(async (db) => {
        if (choice !== null && choice !== account.checkinNumbersShared) await this.deps.chooseNumbers(db, account.id, choice, now);
        return this.deps.checkins.write(db, newId(), checkin);
      }, `checkin:${spaceId}:${account.id}:${date}`);
    } catch (error) {
      // Two first writes for one day at once from two app servers (PostgreSQL): the unique constraint refused one.
      if (isSameDayConflict(error)) fail('conflict');
      throw error;
    }
    return outcome(
      { created: result.created, checkin: { ...result.checkin, numbersShared } },
      // An edit of what is the author's alone is not announced: even its timing is theirs.
      noticeable(result.replaced, checkin, numbersShared) && { spaceId, live: { kind: 'checkin', accountId: account.id, date } },
      // The partner hears of the day's first check-in only; that someone checked in is a space record.
      result.created && {
        spaceId,
        notify: {
          type: 'partner_checked_in',
          actorId: account.id,
          link: `/spaces/${spaceId}/progress`,
          about: { kind: 'checkin', id: result.checkin.id },
          membership: view.membership,
        },
      },
    );
  }

  /**
   * A person's choice whether their partner (and an active therapist) sees their check-in
   * numbers. Changing it tells nobody: no notification, no live event.
   */
  async chooseNumbers(account: Pick<Account, 'id' | 'checkinNumbersShared'>, shared: boolean): Promise<void> {
    if (account.checkinNumbersShared === shared) return;
    const now = this.deps.clock.now().toISOString();
    await this.deps.writes.run((db) => this.deps.chooseNumbers(db, account.id, shared, now), `numbers:${account.id}`);
  }

  /** Check-ins in [from, to] that the caller may see: that each partner checked in, numbers by their owner's choice, notes by visibility. */
  async list(accountId: string, spaceId: string, from: string, to: string): Promise<CheckinView[]> {
    if (!isIsoDate(from)) fail('invalid_input', { from: 'Use a date like 2025-03-14.' });
    if (!isIsoDate(to)) fail('invalid_input', { to: 'Use a date like 2025-03-14.' });
    if (from > to) fail('invalid_input', { from: 'The start must not be after the end.' });
    if (addDays(from, CHECKIN_RANGE_MAX_DAYS) < to)
      fail('invalid_input', { from: `Ask for at most ${CHECKIN_RANGE_MAX_DAYS} days at a time.` });
    const view = await spaceView(this.deps.spaces, accountId, spaceId);
    return this.visibleCheckins(view, from, to);
  }

  /** The same, unbounded, for services that have already checked the range. */
  async visibleCheckins(view: SpaceView, from: string, to: string): Promise<CheckinView[]> {
    const rows = await this.deps.checkins.list(
      view.space.id,
      from,
      to,
      (c) => canSeeCheckInNote(view.viewer, { id: c.id, authorId: c.accountId, visibility: c.visibility }) === 'full',
    );
    const choices = new Map(view.space.members.map((m) => [m.accountId, m.numbersShared]));
    // That someone checked in is a space record; their numbers go by their choice, notes by their own visibility.
    return rows
      .filter((c) => view.partnerIds.includes(c.accountId))
      .map((c) => ({
        ...c,
        ...(canSeeCheckinNumbers(view.viewer, { ownerId: c.accountId, shared: choices.get(c.accountId) ?? null }) === 'full'
          ? {}
          : NUMBERS_KEPT),
        numbersShared: choices.get(c.accountId) === true,
        note:
          c.note && canSeeCheckInNote(view.viewer, { id: c.id, authorId: c.accountId, visibility: c.note.visibility }) === 'full'
            ? c.note
            : null,
      }));
  }

  lastCheckinDates(spaceId: string): Promise<Map<string, string>> {
    return this.deps.checkins.lastDates(spaceId);
  }
}
