import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { EmailOutboxTable } from '../../platform/db/tables/email.js';

/** The notification types that are reminders: they have their own email, and never count as "waiting". */
export const REMINDER_TYPES = ['checkin_reminder', 'meeting_reminder'] as const;

export type EmailKind = 'waiting' | 'checkin_reminder' | 'meeting_reminder';

export interface OutboxEmail {
  key: string;
  accountId: string;
  kind: EmailKind;
  spaceId: string | null;
  localDate: string | null;
  attempts: number;
  expiresAt: string | null;
  createdAt: string;
}

/** An email to queue: its key (one email per key), for whom, what, and when it was asked for. */
interface NewEmail {
  key: string;
  accountId: string;
  kind: EmailKind;
  spaceId?: string;
  localDate?: string;
  expiresAt?: string;
  now: string;
}

type Row = Pick<EmailOutboxTable, 'key' | 'account_id' | 'kind' | 'space_id' | 'local_date' | 'attempts' | 'expires_at' | 'created_at'>;
const fromRow = (r: Row): OutboxEmail => ({
  key: r.key,
  accountId: r.account_id,
  kind: r.kind as EmailKind,
  spaceId: r.space_id,
  localDate: r.local_date,
  attempts: r.attempts,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
});

const updated = (result: { numUpdatedRows: bigint }): boolean => Number(result.numUpdatedRows) === 1;

/**
 * The emails about the app, and what the "something is waiting" email needs to know. Every email
 * is a row before it is sent: one server claims it (`pending` → `sending`, a conditional update
 * that succeeds for exactly one), sends it, then marks it sent or gives it back for a later try.
 */
export class EmailStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Per account, when the newest unread notification that waits on them arrived, among those that
   * arrived in (`since`, `settledBefore`]. Reminders are not counted (they have their own email).
   */
  async newestWaiting(since: string, settledBefore: string): Promise<Array<{ accountId: string; newest: string }>> {
    const rows = await this.db
      .selectFrom('notifications')
      .select(['account_id', (eb) => eb.fn.max('created_at').as('newest')])
      .where('read_at', 'is', null)
      .where('created_at', '>', since)
      .where('created_at', '<=', settledBefore)
      .where('type', 'not in', [...REMINDER_TYPES])
      .groupBy('account_id')
      .execute();
    return rows.map((r) => ({ accountId: r.account_id, newest: String(r.newest) }));
  }

  /** Whether anything still waits on the account unread (reminders aside). */
  async anyUnreadWaiting(accountId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('notifications')
      .select('id')
      .where('account_id', '=', accountId)
      .where('read_at', 'is', null)
      .where('type', 'not in', [...REMINDER_TYPES])
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The last time the person was on Mend: the latest last-seen time of any of their sessions
   * (refreshed by their own requests, at most every five minutes; never by a page's automatic
   * requests). Null when they have no session (signed out everywhere).
   */
  async lastSeen(accountId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.max('last_seen_at').as('seen'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row?.seen ? String(row.seen) : null;
  }

  async waitingState(accountId: string): Promise<{ coveredUntil: string | null; lastSentAt: string | null }> {
    const row = await this.db.selectFrom('waiting_email_state').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    return { coveredUntil: row?.covered_until || null, lastSentAt: row?.last_sent_at || null };
  }

  /** An email of this kind for the account is still to be sent, or being sent. */
  async inFlight(accountId: string, kind: EmailKind): Promise<boolean> {
    const row = await this.db
      .selectFrom('email_outbox')
      .select('key')
      .where('account_id', '=', accountId)
      .where('kind', '=', kind)
      .where('state', 'in', ['pending', 'sending'])
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Queues a "something is waiting" email covering notifications up to `covers`, if no other
   * server did since `previous` was read: moving `covered_until` from `previous` succeeds once.
   */
  async queueWaiting(accountId: string, previous: string | null, covers: string, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('waiting_email_state')
        .values({ account_id: accountId, covered_until: '', last_sent_at: '' })
        .onConflict((oc) => oc.column('account_id').doNothing())
        .execute();
      const moved = await trx
        .updateTable('waiting_email_state')
        .set({ covered_until: covers })
        .where('account_id', '=', accountId)
        .where('covered_until', '=', previous ?? '')
        .executeTakeFirst();
      if (!updated(moved)) return false;
      await trx
        .insertInto('email_outbox')
        .values(pendingRow({ key: `waiting:${accountId}:${covers}`, accountId, kind: 'waiting', now }))
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      return true;
    });
  }

  /** Queues an email once: a second call with the same key does nothing. */
  async queue(email: NewEmail): Promise<void> {
    await this.db
      .insertInto('email_outbox')
      .values(pendingRow(email))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  /** Emails whose next try is due, oldest first. */
  async due(now: string, limit: number): Promise<OutboxEmail[]> {
    const rows = await this.db
      .selectFrom('email_outbox')
      .select(['key', 'account_id', 'kind', 'space_id', 'local_date', 'attempts', 'expires_at', 'created_at'])
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** Claims an email for this server before it is sent: true for exactly one caller. */
  async claim(key: string, now: string): Promise<boolean> {
    return updated(
      await this.db
        .updateTable('email_outbox')
        .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1), claimed_at: now }))
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .executeTakeFirst(),
    );
  }

  /** Sent: settled, and for a "waiting" email the hour starts now. */
  async sent(email: OutboxEmail, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('email_outbox').set({ state: 'sent', settled_at: now }).where('key', '=', email.key).execute();
      if (email.kind === 'waiting') {
        await trx.updateTable('waiting_email_state').set({ last_sent_at: now }).where('account_id', '=', email.accountId).execute();
      }
    });
  }

  /** The try failed: given back, to be tried at `next`. */
  async retryAt(key: string, next: string): Promise<void> {
    await this.db
      .updateTable('email_outbox')
      .set({ state: 'pending', next_attempt_at: next, claimed_at: null })
      .where('key', '=', key)
      .execute();
  }

  /** No longer wanted (`dropped`), or given up after the last try (`failed`). */
  async settle(key: string, state: 'dropped' | 'failed', now: string): Promise<void> {
    await this.db.updateTable('email_outbox').set({ state, settled_at: now }).where('key', '=', key).execute();
  }

  /**
   * Emails a server claimed before `before` and never settled: it stopped while sending. Whether
   * the mail server took them is unknown, so they are not tried again (never sent twice).
   */
  async abandonStale(before: string, now: string): Promise<number> {
    const result = await this.db
      .updateTable('email_outbox')
      .set({ state: 'abandoned', settled_at: now })
      .where('state', '=', 'sending')
      .where('claimed_at', '<', before)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Forgets emails settled before `before`. */
  async forgetSettled(before: string): Promise<void> {
    await this.db.deleteFrom('email_outbox').where('settled_at', 'is not', null).where('settled_at', '<', before).execute();
  }
}

function pendingRow(e: NewEmail) {
  return {
    key: e.key,
    account_id: e.accountId,
    kind: e.kind,
    space_id: e.spaceId ?? null,
    local_date: e.localDate ?? null,
    state: 'pending' as const,
    attempts: 0,
    next_attempt_at: e.now,
    expires_at: e.expiresAt ?? null,
    created_at: e.now,
    claimed_at: null,
    settled_at: null,
  };
}
