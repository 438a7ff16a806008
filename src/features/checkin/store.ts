import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Vault } from '../../platform/vault/vault.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import { reusableQuery } from '../../platform/db/reusable-query.js';
import type { DayMark } from '../../core/checkin/day-mark.js';

import type { NoteVisibility, StoredNote } from '../../core/note.js';

export type { NoteVisibility, StoredNote };

export interface Checkin {
  id: string;
  spaceId: string;
  accountId: string;
  date: string;
  safety: number;
  trust: number;
  closeness: number;
  day: DayMark | null;
  note: StoredNote | null;
  createdAt: string;
  updatedAt: string;
}

export interface CheckinInput {
  spaceId: string;
  accountId: string;
  date: string;
  safety: number;
  trust: number;
  closeness: number;
  day: DayMark | null;
  note: StoredNote | null;
  now: string;
}

/** What a rewrite of a day's check-in replaced: the parts others may see, and whether the note was shared. */
export interface ReplacedCheckin {
  safety: number;
  trust: number;
  closeness: number;
  day: DayMark | null;
  noteVisibility: NoteVisibility | null;
}

/** The unique violation of "one check-in per partner per day", as better-sqlite3 or node-postgres reports it. */
export function isSameDayConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code === '23505') return e.constraint === 'checkins_one_per_day';
  // SQLite names the columns, not the constraint.
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes('checkins.space_id');
}

/** Daily pulse check-ins: one row per partner per local day in a space. */
export class CheckinStore {
  /** Every cold progress view reads the chart's newer days: compiled once (reusable-query.ts). */
  private readonly between;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {
    this.between = reusableQuery(db, 3, (spaceId: string, from: string, to: string) =>
      db
        .selectFrom('checkins')
        .select([
          'id',
          'space_id',
          'account_id',
          'date',
          'safety',
          'trust',
          'closeness',
          'day',
          'note_enc',
          'note_visibility',
          'created_at',
          'updated_at',
        ])
        .where('space_id', '=', spaceId)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .orderBy('date')
        .orderBy('account_id'),
    );
  }

  /** Whether the account checked in in this space on that day ("Waiting for you": today's check-in). */
  async checkedInOn(spaceId: string, accountId: string, date: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('checkins')
      .select('id')
      .where('space_id', '=', spaceId)
      .where('account_id', '=', accountId)
      .where('date', '=', date)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Writes the day's check-in in its own transaction (the seeder's path; the app writes through
   * `write` inside a group commit).
   */
  async upsert(id: string, input: CheckinInput): Promise<{ created: boolean; checkin: Checkin; replaced: ReplacedCheckin | null }> {
    return this.db.transaction().execute((trx) => this.write(trx, id, input));
  }

  /**
   * Writes the day's check-in on `db` — an open transaction — replacing an earlier one for the
   * same day (its id is kept, so the note's encryption context stays bound to the row). Returns
   * whether it was new and what it replaced (no note text), so callers can tell a change others
   * see from an edit of a private note. The read and the write must share one transaction.
   */
  async write(
    db: Kysely<Database>,
    id: string,
    input: CheckinInput,
  ): Promise<{ created: boolean; checkin: Checkin; replaced: ReplacedCheckin | null }> {
    const existing = await db
      .selectFrom('checkins')
      .select(['id', 'created_at', 'safety', 'trust', 'closeness', 'day', 'note_visibility'])
      .where('space_id', '=', input.spaceId)
      .where('account_id', '=', input.accountId)
      .where('date', '=', input.date)
      .executeTakeFirst();
    const rowId = existing?.id ?? id;
    const values = {
      safety: input.safety,
      trust: input.trust,
      closeness: input.closeness,
      day: input.day,
      note_enc: input.note
        ? this.vault.seal(
            input.note.text,
            BOUND.checkinNote.of({
              id: rowId,
              account_id: input.accountId,
              note_visibility: input.note.visibility,
              space_id: input.spaceId,
            }),
          )
        : null,
      note_visibility: input.note ? input.note.visibility : null,
      updated_at: input.now,
    };
    if (existing) {
      await db.updateTable('checkins').set(values).where('id', '=', rowId).execute();
    } else {
      // On PostgreSQL a second request for the same day from another app server can race this
      // insert; the unique constraint refuses one, the route answers 409 and a retry replaces.
      await db
        .insertInto('checkins')
        .values({ id: rowId, space_id: input.spaceId, account_id: input.accountId, date: input.date, created_at: input.now, ...values })
        .execute();
    }
    return {
      created: !existing,
      replaced: existing
        ? {
            safety: existing.safety,
            trust: existing.trust,
            closeness: existing.closeness,
            day: existing.day as DayMark | null,
            noteVisibility: existing.note_visibility as NoteVisibility | null,
          }
        : null,
      checkin: {
        id: rowId,
        spaceId: input.spaceId,
        accountId: input.accountId,
        date: input.date,
        safety: input.safety,
        trust: input.trust,
        closeness: input.closeness,
        day: input.day,
        note: input.note,
        createdAt: existing?.created_at ?? input.now,
        updatedAt: input.now,
      },
    };
  }

  /**
   * Every check-in of the space between two dates (inclusive), oldest first. `mayOpen` decides whose notes are decrypted:
   * a note it refuses comes back as null without being opened (what the reader may not see is
   * never decrypted for them).
   */
  async list(
    spaceId: string,
    from: string,
    to: string,
    mayOpen: (row: { id: string; accountId: string; visibility: 'private' | 'shared' }) => boolean = () => true,
  ): Promise<Checkin[]> {
    const rows = await this.between(spaceId, from, to);
    return rows.map((r) => {
      // A note that fails its check is shown to nobody; the check-in's numbers are not text.
      const visibility = r.note_visibility === 'shared' ? 'shared' : 'private';
      const note =
        r.note_enc !== null && mayOpen({ id: r.id, accountId: r.account_id, visibility })
          ? this.vault.open(r.note_enc, BOUND.checkinNote.of(r))
          : null;
      return {
        id: r.id,
        spaceId: r.space_id,
        accountId: r.account_id,
        date: r.date,
        safety: r.safety,
        trust: r.trust,
        closeness: r.closeness,
        day: r.day,
        note: note !== null ? { text: note, visibility } : null,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
    });
  }

  /** Each account's latest check-in date in the space. */
  async lastDates(spaceId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('checkins')
      .select(['account_id', (eb) => eb.fn.max('date').as('last')])
      .where('space_id', '=', spaceId)
      .groupBy('account_id')
      .execute();
    return new Map(rows.map((r) => [r.account_id, String(r.last)]));
  }

  /** Whether the account checked in on that day in any space (for reminders). */
  async hasCheckedIn(accountId: string, date: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('checkins')
      .select('id')
      .where('account_id', '=', accountId)
      .where('date', '=', date)
      .executeTakeFirst();
    return row !== undefined;
  }
}
