import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Vault } from '../../platform/vault/vault.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';

import { MEETING_KEY } from './cursor-key.js';

export { MEETING_KEY };

/** The guided agenda of a weekly check-in meeting (SPEC section 2). */
export interface MeetingAgenda {
  appreciations: string;
  wentWell: string;
  agreementLog: string;
  concern: string;
  requests: string;
}

export interface Meeting {
  id: string;
  spaceId: string;
  heldOn: string;
  createdBy: string;
  agenda: MeetingAgenda;
  createdAt: string;
}

export interface MeetingSchedule {
  spaceId: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  time: string;
  durationMinutes: number;
  timezone: string;
  updatedBy: string;
  updatedAt: string;
}

const EMPTY: MeetingAgenda = { appreciations: '', wentWell: '', agreementLog: '', concern: '', requests: '' };

/** Weekly meetings, their schedule, and the secret calendar feeds that publish it. */
export class MeetingStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  async create(input: {
    id: string;
    spaceId: string;
    heldOn: string;
    createdBy: string;
    agenda: MeetingAgenda;
    now: string;
  }): Promise<void> {
    await this.db
      .insertInto('meetings')
      .values({
        id: input.id,
        space_id: input.spaceId,
        held_on: input.heldOn,
        created_by: input.createdBy,
        agenda_enc: this.vault.seal(
          JSON.stringify(input.agenda),
          BOUND.meetingAgenda.of({ id: input.id, created_by: input.createdBy, space_id: input.spaceId }),
        ),
        created_at: input.now,
      })
      .execute();
  }

  /** One page of the space's meetings, newest first, after `after` (a key of MEETING_KEY). */
  async page(spaceId: string, after: PageKey | null, size: number): Promise<Page<Meeting>> {
    let q = this.db.selectFrom('meetings').selectAll().where('space_id', '=', spaceId);
    if (after) q = q.where(olderThan(MEETING_KEY, after));
    const rows = await q
      .orderBy('held_on', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(size + 1)
      .execute();
    const page = pageOf(rows, size, (r) => [r.held_on, r.created_at, r.id]);
    // A meeting record whose text fails its check is left out, for everyone (the page goes on past it).
    const items = page.items.flatMap((r) => {
      const agenda = this.vault.open(r.agenda_enc, BOUND.meetingAgenda.of(r));
      if (agenda === null) return [];
      const parsed = JSON.parse(agenda) as Partial<MeetingAgenda>;
      return {
        id: r.id,
        spaceId: r.space_id,
        heldOn: r.held_on,
        createdBy: r.created_by,
        agenda: { ...EMPTY, ...parsed },
        createdAt: r.created_at,
      };
    });
    return { items, next: page.next };
  }

  async schedule(spaceId: string): Promise<MeetingSchedule | null> {
    const r = await this.db.selectFrom('meeting_schedules').selectAll().where('space_id', '=', spaceId).executeTakeFirst();
    return r
      ? {
          spaceId: r.space_id,
          weekday: r.weekday,
          time: r.time,
          durationMinutes: r.duration_minutes,
          timezone: r.timezone,
          updatedBy: r.updated_by,
          updatedAt: r.updated_at,
        }
      : null;
  }

  async setSchedule(s: MeetingSchedule): Promise<void> {
    const values = {
      weekday: s.weekday,
      time: s.time,
      duration_minutes: s.durationMinutes,
      timezone: s.timezone,
      updated_by: s.updatedBy,
      updated_at: s.updatedAt,
    };
    await this.db
      .insertInto('meeting_schedules')
      .values({ space_id: s.spaceId, ...values })
      .onConflict((oc) => oc.column('space_id').doUpdateSet(values))
      .execute();
  }

  async clearSchedule(spaceId: string): Promise<void> {
    await this.db.deleteFrom('meeting_schedules').where('space_id', '=', spaceId).execute();
  }

  /** Every schedule, for the reminder loop. */
  async allSchedules(): Promise<MeetingSchedule[]> {
    const rows = await this.db.selectFrom('meeting_schedules').selectAll().execute();
    return rows.map((r) => ({
      spaceId: r.space_id,
      weekday: r.weekday,
      time: r.time,
      durationMinutes: r.duration_minutes,
      timezone: r.timezone,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    }));
  }

  async createFeed(input: { id: string; accountId: string; tokenHash: string; now: string }): Promise<void> {
    await this.db
      .insertInto('calendar_feeds')
      .values({ id: input.id, account_id: input.accountId, token_hash: input.tokenHash, created_at: input.now, revoked_at: null })
      .execute();
  }

  /** Revokes every live feed of the account (a new one replaces them). */
  async revokeFeeds(accountId: string, now: string): Promise<void> {
    await this.db
      .updateTable('calendar_feeds')
      .set({ revoked_at: now })
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async activeFeed(accountId: string): Promise<{ id: string; createdAt: string } | null> {
    const r = await this.db
      .selectFrom('calendar_feeds')
      .select(['id', 'created_at'])
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return r ? { id: r.id, createdAt: r.created_at } : null;
  }

  async feedOwner(tokenHash: string): Promise<string | null> {
    const r = await this.db
      .selectFrom('calendar_feeds')
      .select('account_id')
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return r?.account_id ?? null;
  }
}
