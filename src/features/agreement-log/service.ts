import { fail, MendError, REFUSALS } from '../../platform/errors.js';
import { canLogOccasion, canReplyToDispute, canReviewOccasion } from '../../core/journey/index.js';
import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import { addDays, localDate } from '../../core/time.js';
import { daysOfMonth, monthOfDay } from '../../core/paging/months.js';
import { canSeeAgreementLogNote, VISIBILITY_NOT_CHOSEN } from '../../core/visibility/index.js';
import type { Account } from '../../core/accounts/account.js';
import type { AgreementFacts, AgreementLogEntry, AgreementLogStore } from './store.js';
import type { StoredNote } from '../checkin/index.js';
import type { GroupCommitter } from '../../platform/db/group-commit.js';
import { newId } from '../../platform/db/ids.js';
import { NOTE_MAX, noteFrom, spaceView, type SpaceView, type TextInput } from '../checkin/index.js';
import type { NotificationIntent } from '../../core/events.js';

export { LOG_ENTRY_KEY } from './store.js';

/** A note whose author has not said who may read it (no visibility is ever guessed). */
export type UnpickedNote = { text: string; visibility: null };
import type { Clock } from '../../platform/clock.js';
import type { SpaceService } from '../spaces/index.js';

export interface LogEntryView extends Omit<AgreementLogEntry, 'note' | 'reviewNote'> {
  note: StoredNote | null;
  reviewNote: StoredNote | null;
}

/** The most occasions the weekly meeting lists from one week (a daily agreement each for two is 14). */
export const WEEK_LOG_MAX = 60;

/** The longest answer to a dispute, as a log note (the API's schema says the same). */
export const REPLY_MAX = NOTE_MAX;

const LOG_REFUSALS: Record<string, { code: 'forbidden' | 'invalid_input' | 'conflict' | 'already_done'; field?: string; message: string }> =
  {
    not_a_partner: { code: REFUSALS.partners_only.code, message: REFUSALS.partners_only.message },
    not_committed: REFUSALS.log_by_committed_partner,
    not_active: REFUSALS.log_agreement_not_active,
    invalid_date: { code: 'invalid_input', field: 'occurredOn', message: 'Use a date like 2025-03-14.' },
    in_the_future: { code: 'invalid_input', field: 'occurredOn', message: 'An occasion cannot be logged before it happens.' },
    before_agreement: { code: 'invalid_input', field: 'occurredOn', message: 'That day is before the agreement was made.' },
    after_end: { code: 'invalid_input', field: 'occurredOn', message: 'That day is after this transparency agreement ended.' },
    own_entry: REFUSALS.log_reviewed_by_other_partner,
    already_reviewed: REFUSALS.log_already_reviewed,
    not_logger: REFUSALS.log_dispute_answered_by_logger,
    not_disputed: REFUSALS.log_not_disputed,
    already_replied: REFUSALS.log_dispute_already_answered,
  };

/** A refusal that is about the form's day rather than the person: said beside the day, with the form's other problems. */
function dayProblem(reason: string): string | null {
  const r = LOG_REFUSALS[reason];
  return r?.field === 'occurredOn' ? r.message : null;
}

function refuseOccasion(reason: string): never {
  const r = LOG_REFUSALS[reason] ?? { code: 'forbidden' as const, message: 'This is not yours to do.' };
  if (r.field) fail(r.code, { [r.field]: r.message });
  fail(r.code, undefined, r.message);
}

/** Step 6: the agreement log (SPEC section 1; rules in src/core/journey/agreement-log.ts). */
export class AgreementLogService {
  constructor(private readonly deps: { log: AgreementLogStore; spaces: SpaceService; writes: GroupCommitter; clock: Clock }) {}

  /**
   * `inSpace` is the space a page's address names: an agreement of another space is not found
   * there, even by someone who belongs to both (the API's addresses name no space, so it passes none).
   */
  private async agreementFor(
    accountId: string,
    agreementId: string,
    inSpace?: string,
  ): Promise<{ agreement: AgreementFacts; view: SpaceView }> {
    const agreement = await this.deps.log.agreement(agreementId);
    if (!agreement || (inSpace !== undefined && agreement.spaceId !== inSpace)) fail('not_found');
    const view = await spaceView(this.deps.spaces, accountId, agreement.spaceId);
    return { agreement, view };
  }

  /**
   * `kept` is null when a form was sent without a choice. A refusal of the person (not a partner,
   * not committed, not active) is said alone; otherwise every problem of the form is said at once:
   * the day, kept or missed, the note.
   */
  /**
   * `note.visibility` null: a note written without saying who may read it. That is one of the form's
   * problems, said with the others once the agreement is found — never a guess.
   */
  async logOccasion(
    account: Account,
    agreementId: string,
    input: { occurredOn: string; kept: boolean | null; note?: TextInput | UnpickedNote | null },
    inSpace?: string,
  ): Promise<{ entry: LogEntryView; notify: NotificationIntent }> {
    const { agreement, view } = await this.agreementFor(account.id, agreementId, inSpace);
    const today = localDate(this.deps.clock.now(), account.timezone);
    const decision = canLogOccasion(agreement, account.id, input.occurredOn, today, view.partnerIds);
    const problems: Record<string, string> = {};
    if (!decision.ok) {
      const day = dayProblem(decision.reason);
      if (day === null) refuseOccasion(decision.reason);
      problems.occurredOn = day;
    }
    if (input.kept === null) problems.kept = 'Choose kept or missed.';
    let note: StoredNote | null = null;
    try {
      if (input.note?.visibility === null) {
        if (input.note.text.trim() !== '') problems.visibility = VISIBILITY_NOT_CHOSEN;
      } else note = noteFrom(input.note);
    } catch (error) {
      if (!(error instanceof MendError && error.details)) throw error;
      Object.assign(problems, error.details);
    }
    if (Object.keys(problems).length > 0) fail('invalid_input', problems);
    const id = newId();
    const entry = {
      id,
      agreementId,
      spaceId: agreement.spaceId,
      occurredOn: input.occurredOn,
      kept: input.kept === true,
      loggedBy: account.id,
      note,
      now: this.deps.clock.now().toISOString(),
    };
    await this.deps.writes.run((db) => this.deps.log.add(entry, db));
    // The partner is told by the action's caller (features/act.ts), after the write.
    const notify: NotificationIntent = {
      membership: view.membership,
      type: 'agreement_logged',
      actorId: account.id,
      link: `/spaces/${agreement.spaceId}/agreement-log`,
      about: { kind: 'agreement_log', id },
    };
    return { entry: this.visible(view, (await this.deps.log.byId(id))!), notify };
  }

  /** `inSpace`: as for `logOccasion`, an occasion of another space is not found at a page's address. */
  async review(
    account: Account,
    logEntryId: string,
    review: 'confirmed' | 'disputed',
    note: TextInput | null | undefined,
    inSpace?: string,
  ): Promise<{ entry: LogEntryView; notify: NotificationIntent }> {
    const entry = await this.deps.log.byId(logEntryId);
    if (!entry || (inSpace !== undefined && entry.spaceId !== inSpace)) fail('not_found');
    const view = await spaceView(this.deps.spaces, account.id, entry.spaceId);
    const decision = canReviewOccasion({ loggedBy: entry.loggedBy, review: entry.review }, account.id, view.partnerIds);
    if (!decision.ok) refuseOccasion(decision.reason);
    const stored = noteFrom(note);
    const input = { review, by: account.id, note: stored, now: this.deps.clock.now().toISOString() };
    const done = await this.deps.writes.run((db) => this.deps.log.review(logEntryId, input, db));
    if (!done) refuseOccasion('already_reviewed');
    // The partner who logged it is told by the action's caller (features/act.ts), after the write.
    const notify: NotificationIntent = {
      recipientId: entry.loggedBy,
      membership: view.membership,
      type: review === 'confirmed' ? 'agreement_log_confirmed' : 'agreement_log_disputed',
      actorId: account.id,
      link: `/spaces/${entry.spaceId}/agreement-log`,
      about: { kind: 'agreement_log', id: logEntryId },
    };
    return { entry: this.visible(view, (await this.deps.log.byId(logEntryId))!), notify };
  }

  /**
   * The answer of the partner who logged a disputed occasion, once (`canReplyToDispute`); shared,
   * like the dispute it answers. `inSpace`: as for `logOccasion`. The partner who disputed is told.
   */
  async reply(
    account: Account,
    logEntryId: string,
    text: string,
    inSpace?: string,
  ): Promise<{ entry: LogEntryView; notify: NotificationIntent | null }> {
    const entry = await this.deps.log.byId(logEntryId);
    if (!entry || (inSpace !== undefined && entry.spaceId !== inSpace)) fail('not_found');
    const view = await spaceView(this.deps.spaces, account.id, entry.spaceId);
    const decision = canReplyToDispute(
      { loggedBy: entry.loggedBy, review: entry.review, replied: entry.repliedAt !== null },
      account.id,
      view.partnerIds,
    );
    if (!decision.ok) refuseOccasion(decision.reason);
    const trimmed = text.trim();
    if (trimmed === '') fail('invalid_input', { reply: 'Write a few words before sending.' });
    if ([...trimmed].length > REPLY_MAX) fail('invalid_input', { reply: `Keep it to ${REPLY_MAX} characters.` });
    const done = await this.deps.writes.run((db) =>
      this.deps.log.reply(logEntryId, { text: trimmed, now: this.deps.clock.now().toISOString() }, db),
    );
    if (!done) refuseOccasion('already_replied');
    // The partner who disputed it is told (by the action's caller, after the write); nobody when
    // their account is gone, and the policy tells nobody who has left the space since.
    const notify: NotificationIntent | null =
      entry.reviewedBy === null
        ? null
        : {
            recipientId: entry.reviewedBy,
            membership: view.membership,
            type: 'agreement_log_replied',
            actorId: account.id,
            link: `/spaces/${entry.spaceId}/agreement-log?month=${monthOfDay(entry.occurredOn)}#occasion-${logEntryId}`,
            about: { kind: 'agreement_log', id: logEntryId },
          };
    return { entry: this.visible(view, (await this.deps.log.byId(logEntryId))!), notify };
  }

  /** The space's agreements and their whole log history, as the caller may see them. */
  async history(accountId: string, spaceId: string): Promise<{ view: SpaceView; agreements: AgreementFacts[]; entries: LogEntryView[] }> {
    const view = await spaceView(this.deps.spaces, accountId, spaceId);
    const agreements = await this.deps.log.agreements(spaceId);
    const entries = (await this.deps.log.listForSpace(spaceId)).map((e) => this.visible(view, e));
    return { view, agreements, entries };
  }

  /**
   * The agreement log page's month: the active agreements' occasions of `month` (or of the newest
   * month with any, when null), each note as the caller may see it, and the newest earlier month
   * with an occasion (null when none). Only that month's rows are read and their notes opened, so
   * the page costs the same in a couple's third year as in their first month.
   */
  async month(
    accountId: string,
    spaceId: string,
    month: string | null,
  ): Promise<{ view: SpaceView; agreements: AgreementFacts[]; month: string | null; entries: LogEntryView[]; earlier: string | null }> {
    const view = await spaceView(this.deps.spaces, accountId, spaceId);
    const [agreements, newest] = await Promise.all([
      this.deps.log.agreements(view.space.id),
      month === null ? this.deps.log.newestDay(view.space.id, null, 'active') : null,
    ]);
    const shown = month ?? (newest === null ? null : monthOfDay(newest));
    if (shown === null) return { view, agreements, month: null, entries: [], earlier: null };
    const { from, until } = daysOfMonth(shown);
    const [rows, before] = await Promise.all([
      this.deps.log.inDays(view.space.id, from, until),
      this.deps.log.newestDay(view.space.id, from, 'active'),
    ]);
    return {
      view,
      agreements,
      month: shown,
      entries: rows.map((e) => this.visible(view, e)),
      earlier: before === null ? null : monthOfDay(before),
    };
  }

  /**
   * The week's log for the weekly meeting: the occasions of the seven days up to `today` (the
   * caller's own day), each note as the caller may see it, with the agreements they belong to.
   * At most WEEK_LOG_MAX occasions; `more` says there were others (the log page has them, a month at a time).
   */
  async week(
    accountId: string,
    spaceId: string,
    today: string,
  ): Promise<{ from: string; to: string; agreements: AgreementFacts[]; entries: LogEntryView[]; more: boolean }> {
    const view = await spaceView(this.deps.spaces, accountId, spaceId);
    const from = addDays(today, -6);
    const [agreements, rows] = await Promise.all([
      this.deps.log.agreements(view.space.id),
      this.deps.log.between(view.space.id, from, today, WEEK_LOG_MAX + 1),
    ]);
    return {
      from,
      to: today,
      agreements,
      entries: rows.slice(0, WEEK_LOG_MAX).map((e) => this.visible(view, e)),
      more: rows.length > WEEK_LOG_MAX,
    };
  }

  /**
   * One page of the space's log, newest occasion first, each note as the caller may see it. With
   * `month`, only that month's occasions, and `earlierMonth`: the newest earlier month with any.
   */
  async list(
    accountId: string,
    spaceId: string,
    at: PageRequest = FIRST_PAGE,
    month: string | null = null,
  ): Promise<Page<LogEntryView> & { earlierMonth?: string | null }> {
    const view = await spaceView(this.deps.spaces, accountId, spaceId);
    if (month === null) {
      const page = await this.deps.log.page(view.space.id, at.after, at.size);
      return { items: page.items.map((e) => this.visible(view, e)), next: page.next };
    }
    const days = daysOfMonth(month);
    const [page, before] = await Promise.all([
      this.deps.log.page(view.space.id, at.after, at.size, days),
      this.deps.log.newestDay(view.space.id, days.from, 'all'),
    ]);
    return {
      items: page.items.map((e) => this.visible(view, e)),
      next: page.next,
      earlierMonth: before === null ? null : monthOfDay(before),
    };
  }

  /** The log entry with each note only when the viewer may read it (agreement-log notes). */
  visible(view: SpaceView, e: AgreementLogEntry): LogEntryView {
    const can = (authorId: string | null, note: StoredNote | null, suffix: string) =>
      note !== null &&
      authorId !== null &&
      canSeeAgreementLogNote(view.viewer, { id: `${e.id}${suffix}`, authorId, visibility: note.visibility }) === 'full';
    return {
      ...e,
      note: can(e.loggedBy, e.note, '') ? e.note : null,
      reviewNote: can(e.reviewedBy, e.reviewNote, ':review') ? e.reviewNote : null,
      reply: e.reply !== null && can(e.loggedBy, { text: e.reply, visibility: 'shared' }, ':reply') ? e.reply : null,
    };
  }
}
