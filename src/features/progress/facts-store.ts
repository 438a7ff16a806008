import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { FieldBinding } from '../../platform/vault/field-binding.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import { reusableQuery } from '../../platform/db/reusable-query.js';
import type { Vault } from '../../platform/vault/vault.js';

/**
 * The facts of a space that progress, milestones and red flags are computed from, read across
 * the journey tables (issue #3) and the check-in and progress tables. Read-only; texts are decrypted only for
 * the coach to read them in memory (`WrittenMessage.open`), never kept.
 */
export interface JourneyProgressFacts {
  breaches: Array<{ id: string; kind: string; recordedOn: string; occurredOn: string | null; brokeTrust: string[] }>;
  journeys: Array<{ id: string; breachId: string; openedOn: string; closedOn: string | null }>;
  /** Per journey, each partner's acknowledgement day. */
  acknowledgements: Array<{ journeyId: string; accountId: string; on: string }>;
  apologiesDeliveredOn: string[];
  apologiesAnsweredOn: string[];
  agreementsAcceptedOn: string[];
}

/**
 * Something a partner wrote, still sealed: `open()` decrypts it (null when it fails its check).
 * `sealed` names this one sealing of it (its id, author, visibility and the sealed value's random
 * IV and tag): any change to the text or its visibility seals it again under a new one, so what was
 * found in it can be remembered by `sealed` without keeping the text (features/progress/contempt.ts).
 */
export interface WrittenMessage {
  id: string;
  authorId: string;
  at: string;
  visibility: 'private' | 'shared' | 'sealed';
  sealed: string;
  open(): string | null;
}

/** The sealed value's version, key id, IV and tag: unique to one sealing. */
const sealingOf = (stored: string): string => stored.split('.', 4).join('.');

const day = (iso: string) => iso.slice(0, 10);

function ids(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export interface CheckinScores {
  accountId: string;
  /** The same as `accountId`, so a history can be handed to the milestones as it is. */
  partnerId: string;
  date: string;
  safety: number;
  trust: number;
  closeness: number;
}

/** An occasion its committer logged, shaped as the consistency score counts it (reported by themselves). */
export interface LoggedOccasion {
  loggedBy: string;
  occurredOn: string;
  kept: boolean;
  review: 'confirmed' | 'disputed' | null;
  reportedBy: 'self';
  status: 'unconfirmed' | 'confirmed' | 'disputed';
}

/** A meeting agenda's written fields as one text (the agenda is stored as one sealed JSON). */
function meetingText(agendaJson: string): string {
  try {
    const agenda: unknown = JSON.parse(agendaJson);
    if (!agenda || typeof agenda !== 'object') return '';
    return Object.values(agenda)
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
      .join('\n\n');
  } catch {
    return '';
  }
}

/** Days `[from, before)`, either end open; `YYYY-MM-DD`. */
export interface DayRange {
  from?: string;
  before?: string;
}

/** The table of migration 0026; only progress reads it (the database's triggers write it). */
interface ProgressHistoryTables {
  progress_history: { space_id: string; revision: number };
}

/**
 * The first day not yet settled, by the database's clock: four days back in UTC, one day more
 * than 0026's triggers treat as settled, so every write to a day before it raises the counter.
 */
const SETTLED_BEFORE = {
  sqlite: sql<string>`date('now', '-4 days')`,
  postgres: sql<string>`to_char((now() at time zone 'utc')::date - 4, 'YYYY-MM-DD')`,
};

export class ProgressFactsStore {
  private readonly postgres: boolean;
  /** What every cold progress view reads, compiled once (reusable-query.ts; issue #24). */
  private readonly q;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    this.q = compiledQueries(db, this.postgres);
  }

  /**
   * The space's settled-history revision (migration 0026) and the first day not settled. Read
   * before the settled rows, so a write that lands in between leaves a newer revision behind.
   */
  async settledHistory(spaceId: string): Promise<{ revision: number; before: string } | null> {
    const [row] = await this.q.settledHistory(spaceId);
    return row ? { revision: Number(row.revision), before: String(row.before) } : null;
  }

  async journeyFacts(spaceId: string): Promise<JourneyProgressFacts> {
    const breaches = await this.q.breaches(spaceId);
    const journeys = await this.q.journeys(spaceId);
    const acks = journeys.length ? await this.q.acknowledgements(spaceId) : [];
    const apologies = journeys.length ? await this.q.deliveredApologies(spaceId) : [];
    const responses = apologies.length ? await this.q.apologyResponses(spaceId) : [];
    const agreements = await this.q.acceptedAgreements(spaceId);
    return {
      breaches: breaches.map((b) => ({
        id: b.id,
        kind: b.kind,
        recordedOn: day(b.recorded_at),
        occurredOn: b.occurred_on,
        brokeTrust: ids(b.broke_trust),
      })),
      journeys: journeys.map((j) => ({
        id: j.id,
        breachId: j.breach_id,
        openedOn: day(j.opened_at),
        closedOn: j.closed_at ? day(j.closed_at) : null,
      })),
      acknowledgements: acks.map((a) => ({ journeyId: a.journey_id, accountId: a.account_id, on: day(a.created_at) })),
      apologiesDeliveredOn: apologies.map((a) => day(a.delivered_at!)),
      apologiesAnsweredOn: responses.map((r) => day(r.created_at)),
      agreementsAcceptedOn: agreements.map((a) => day(a.accepted_at!)),
    };
  }

  /**
   * Every check-in's scores (no notes: nothing is decrypted), oldest first. Milestones need the
   * whole history; the notes shown with progress are read for the chart window only.
   */
  async checkinScores(spaceId: string, days: DayRange = {}): Promise<CheckinScores[]> {
    // The days after the settled ones, at every cold view: compiled once.
    if (days.from !== undefined && days.before === undefined) return (await this.q.checkinScoresFrom(spaceId, days.from)).map(scoresOf);
    let query = this.db
      .selectFrom('checkins')
      .select(['account_id', 'date', 'safety', 'trust', 'closeness'])
      .where('space_id', '=', spaceId);
    if (days.from !== undefined) query = query.where('date', '>=', days.from);
    if (days.before !== undefined) query = query.where('date', '<', days.before);
    return (await query.orderBy('date').orderBy('account_id').execute()).map(scoresOf);
  }

  /**
   * The agreement-log occasions a partner logged of an agreement of this space they committed to
   * (their consistency), in log order. Dates and outcomes only; notes stay sealed.
   */
  async committedLogFacts(spaceId: string, days: DayRange = {}): Promise<LoggedOccasion[]> {
    if (days.from !== undefined && days.before === undefined) return (await this.q.logFactsFrom(spaceId, days.from)).map(occasionOf);
    let query = this.db
      .selectFrom('agreement_log_entries as e')
      .innerJoin('agreements as a', (j) => j.onRef('a.id', '=', 'e.agreement_id').onRef('a.space_id', '=', 'e.space_id'))
      .innerJoin('agreement_commitments as c', (j) =>
        j.onRef('c.agreement_id', '=', 'e.agreement_id').onRef('c.account_id', '=', 'e.logged_by'),
      )
      .select(['e.logged_by', 'e.occurred_on', 'e.kept', 'e.review'])
      .where('e.space_id', '=', spaceId);
    if (days.from !== undefined) query = query.where('e.occurred_on', '>=', days.from);
    if (days.before !== undefined) query = query.where('e.occurred_on', '<', days.before);
    // The id settles ties, so any split of the days gives the same order as one read.
    return (await query.orderBy('e.occurred_on').orderBy('e.created_at').orderBy('e.id').execute()).map(occasionOf);
  }

  /** The days of the space's newest `MILESTONE_RECORDS` weekly meetings (agendas stay sealed). */
  async meetingDays(spaceId: string): Promise<string[]> {
    return (await this.q.meetingDays(spaceId)).map((r) => r.held_on);
  }

  /** When each of the space's newest `MILESTONE_RECORDS` reassurance requests was answered (null: not yet). */
  async reassuranceAnswers(spaceId: string): Promise<Array<string | null>> {
    return (await this.q.reassuranceAnswers(spaceId)).map((r) => r.answered_at);
  }

  /**
   * What partners wrote in the space since `sinceIso`, for the coach's contempt rule: journey
   * entries, check-in notes, reassurance notes and answers, agreement-log notes, and weekly
   * meeting records (one message per meeting, by the partner who wrote it down; a meeting
   * record is shared, docs/privacy-rules.md). Nothing is decrypted here: the caller opens only
   * what it has not already looked at.
   */
  async messagesSince(spaceId: string, sinceIso: string): Promise<WrittenMessage[]> {
    const out: WrittenMessage[] = [];
    const add = (message: Omit<WrittenMessage, 'sealed' | 'open'>, stored: string, binding: FieldBinding): void => {
      out.push({
        ...message,
        sealed: `${message.id}\n${message.authorId}\n${message.visibility}\n${sealingOf(stored)}`,
        open: () => this.vault.open(stored, binding),
      });
    };
    // The entries of journeys of this space, so it is their space.
    for (const e of await this.q.entriesSince(spaceId, sinceIso))
      add(
        { id: e.id, authorId: e.author_id, at: e.created_at, visibility: e.visibility },
        e.text_enc,
        BOUND.entryText.of({ ...e, journey_space_id: spaceId }),
      );
    for (const c of await this.q.checkinNotesSince(spaceId, sinceIso))
      add(
        { id: c.id, authorId: c.account_id, at: c.updated_at, visibility: c.note_visibility === 'shared' ? 'shared' : 'private' },
        c.note_enc!,
        BOUND.checkinNote.of(c),
      );
    for (const r of await this.q.reassuranceSince(spaceId, sinceIso)) {
      if (r.note_enc)
        add(
          { id: r.id, authorId: r.requested_by, at: r.created_at, visibility: r.note_visibility === 'shared' ? 'shared' : 'private' },
          r.note_enc,
          BOUND.reassuranceNote.of(r),
        );
      if (r.answer_enc && r.answered_by && r.answered_at)
        add(
          { id: `${r.id}:answer`, authorId: r.answered_by, at: r.answered_at, visibility: 'shared' },
          r.answer_enc,
          BOUND.reassuranceAnswer.of({ ...r, answered_by: r.answered_by }),
        );
    }
    for (const l of await this.q.logNotesSince(spaceId, sinceIso))
      add(
        { id: l.id, authorId: l.logged_by, at: l.created_at, visibility: l.note_visibility === 'shared' ? 'shared' : 'private' },
        l.note_enc!,
        BOUND.logNote.of(l),
      );
    const meetings = await this.q.meetingsSince(spaceId, sinceIso);
    for (const m of meetings) {
      const binding = BOUND.meetingAgenda.of(m);
      out.push({
        id: m.id,
        authorId: m.created_by,
        at: m.created_at,
        visibility: 'shared',
        sealed: `${m.id}\n${m.created_by}\nshared\n${sealingOf(m.agenda_enc)}`,
        // A meeting whose agenda holds no written words is not a message (it was left out before too).
        open: () => {
          const agenda = this.vault.open(m.agenda_enc, binding);
          const text = agenda === null ? '' : meetingText(agenda);
          return text === '' ? null : text;
        },
      });
    }
    return out;
  }
}

/** The newest meetings and reassurance requests milestones look at. */
export const MILESTONE_RECORDS = 1000;

const scoresOf = (r: { account_id: string; date: string; safety: number; trust: number; closeness: number }): CheckinScores => ({
  accountId: r.account_id,
  partnerId: r.account_id,
  date: r.date,
  safety: r.safety,
  trust: r.trust,
  closeness: r.closeness,
});

const occasionOf = (r: {
  logged_by: string;
  occurred_on: string;
  kept: number;
  review: 'confirmed' | 'disputed' | null;
}): LoggedOccasion => ({
  loggedBy: r.logged_by,
  occurredOn: r.occurred_on,
  kept: r.kept === 1,
  review: r.review,
  reportedBy: 'self' as const,
  status: r.review ?? 'unconfirmed',
});

/**
 * The queries of a cold progress view, built and compiled by Kysely once: building and compiling
 * cost more than running these small indexed reads (docs/performance.md, "Progress kept
 * incrementally"). Each lists its columns, as prepared statements must (prepared-statements.ts).
 */
function compiledQueries(db: Kysely<Database>, postgres: boolean) {
  const history = db as unknown as Kysely<Database & ProgressHistoryTables>;
  return {
    settledHistory: reusableQuery(history, 1, (spaceId: string) =>
      history
        .selectFrom('progress_history')
        .select(['revision', (postgres ? SETTLED_BEFORE.postgres : SETTLED_BEFORE.sqlite).as('before')])
        .where('space_id', '=', spaceId),
    ),
    breaches: reusableQuery(db, 1, (spaceId: string) =>
      db.selectFrom('breaches').select(['id', 'kind', 'recorded_at', 'occurred_on', 'broke_trust']).where('space_id', '=', spaceId),
    ),
    journeys: reusableQuery(db, 1, (spaceId: string) =>
      db.selectFrom('journeys').select(['id', 'breach_id', 'opened_at', 'closed_at']).where('space_id', '=', spaceId),
    ),
    acknowledgements: reusableQuery(db, 1, (spaceId: string) =>
      db
        .selectFrom('journey_acknowledgements as k')
        .innerJoin('journeys as j', 'j.id', 'k.journey_id')
        .select(['k.journey_id', 'k.account_id', 'k.created_at'])
        .where('j.space_id', '=', spaceId),
    ),
    deliveredApologies: reusableQuery(db, 1, (spaceId: string) =>
      db
        .selectFrom('apologies as a')
        .innerJoin('journeys as j', 'j.id', 'a.journey_id')
        .select(['a.id', 'a.delivered_at'])
        .where('j.space_id', '=', spaceId)
        .where('a.delivered_at', 'is not', null),
    ),
    apologyResponses: reusableQuery(db, 1, (spaceId: string) =>
      db
        .selectFrom('apology_responses as r')
        .innerJoin('apologies as a', 'a.id', 'r.apology_id')
        .innerJoin('journeys as j', 'j.id', 'a.journey_id')
        .select(['r.created_at'])
        .where('j.space_id', '=', spaceId)
        .where('a.delivered_at', 'is not', null),
    ),
    acceptedAgreements: reusableQuery(db, 1, (spaceId: string) =>
      db.selectFrom('agreements').select(['accepted_at']).where('space_id', '=', spaceId).where('accepted_at', 'is not', null),
    ),
    checkinScoresFrom: reusableQuery(db, 2, (spaceId: string, from: string) =>
      db
        .selectFrom('checkins')
        .select(['account_id', 'date', 'safety', 'trust', 'closeness'])
        .where('space_id', '=', spaceId)
        .where('date', '>=', from)
        .orderBy('date')
        .orderBy('account_id'),
    ),
    logFactsFrom: reusableQuery(db, 2, (spaceId: string, from: string) =>
      db
        .selectFrom('agreement_log_entries as e')
        .innerJoin('agreements as a', (j) => j.onRef('a.id', '=', 'e.agreement_id').onRef('a.space_id', '=', 'e.space_id'))
        .innerJoin('agreement_commitments as c', (j) =>
          j.onRef('c.agreement_id', '=', 'e.agreement_id').onRef('c.account_id', '=', 'e.logged_by'),
        )
        .select(['e.logged_by', 'e.occurred_on', 'e.kept', 'e.review'])
        .where('e.space_id', '=', spaceId)
        .where('e.occurred_on', '>=', from)
        .orderBy('e.occurred_on')
        .orderBy('e.created_at')
        .orderBy('e.id'),
    ),
    meetingDays: reusableQuery(db, 1, (spaceId: string) =>
      db
        .selectFrom('meetings')
        .select('held_on')
        .where('space_id', '=', spaceId)
        .orderBy('held_on', 'desc')
        .orderBy('created_at', 'desc')
        .limit(MILESTONE_RECORDS),
    ),
    reassuranceAnswers: reusableQuery(db, 1, (spaceId: string) =>
      db
        .selectFrom('reassurance_requests')
        .select('answered_at')
        .where('space_id', '=', spaceId)
        .orderBy('created_at', 'desc')
        .limit(MILESTONE_RECORDS),
    ),
    entriesSince: reusableQuery(db, 2, (spaceId: string, since: string) =>
      db
        .selectFrom('journey_entries as e')
        .innerJoin('journeys as j', 'j.id', 'e.journey_id')
        .select(['e.id', 'e.author_id', 'e.visibility', 'e.text_enc', 'e.created_at', 'e.journey_id', 'e.prompt', 'e.reply_to'])
        .where('j.space_id', '=', spaceId)
        .where('e.created_at', '>=', since),
    ),
    checkinNotesSince: reusableQuery(db, 2, (spaceId: string, since: string) =>
      db
        .selectFrom('checkins')
        .select(['id', 'account_id', 'note_enc', 'note_visibility', 'updated_at', 'space_id'])
        .where('space_id', '=', spaceId)
        .where('note_enc', 'is not', null)
        .where('updated_at', '>=', since),
    ),
    reassuranceSince: reusableQuery(db, 2, (spaceId: string, since: string) =>
      db
        .selectFrom('reassurance_requests')
        .select(['id', 'space_id', 'requested_by', 'note_enc', 'note_visibility', 'created_at', 'answered_by', 'answer_enc', 'answered_at'])
        .where('space_id', '=', spaceId)
        .where('created_at', '>=', since),
    ),
    logNotesSince: reusableQuery(db, 2, (spaceId: string, since: string) =>
      db
        .selectFrom('agreement_log_entries')
        .select(['id', 'logged_by', 'note_enc', 'note_visibility', 'created_at', 'space_id', 'agreement_id'])
        .where('space_id', '=', spaceId)
        .where('note_enc', 'is not', null)
        .where('created_at', '>=', since),
    ),
    meetingsSince: reusableQuery(db, 2, (spaceId: string, since: string) =>
      db
        .selectFrom('meetings')
        .select(['id', 'created_by', 'agenda_enc', 'created_at', 'space_id'])
        .where('space_id', '=', spaceId)
        .where('created_at', '>=', since),
    ),
  };
}
