import type { Kysely } from 'kysely';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';
import type { Database } from '../../platform/db/schema.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import type { Vault } from '../../platform/vault/vault.js';
import type { PushTarget } from '../../platform/push/web-push-transport.js';
import { PUSH_SUBSCRIPTION_KEY } from './cursor-key.js';

/** One device a person turned push on for, opened (its endpoint and keys readable). */
export interface StoredPushSubscription extends PushTarget {
  id: string;
  accountId: string;
  sessionId: string;
  createdAt: string;
}

/** A row as listed: its endpoint and keys, or null when the sealed value failed its check. */
export interface ListedPushSubscription {
  id: string;
  sessionId: string;
  createdAt: string;
  target: PushTarget | null;
}

type Row = Database['push_subscriptions'];

/** Push subscriptions (migration 0016): sealed to their account, found again by a keyed hash of the endpoint. */
export class PushSubscriptionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  private indexOf(endpoint: string): string {
    return this.vault.index('push-endpoint', endpoint);
  }

  private open(row: Pick<Row, 'id' | 'account_id' | 'session_id' | 'subscription_enc'>): PushTarget | null {
    const text = this.vault.open(row.subscription_enc, BOUND.pushSubscription.of(row));
    if (text === null) return null;
    const value = JSON.parse(text) as PushTarget;
    return { endpoint: value.endpoint, p256dh: value.p256dh, auth: value.auth };
  }

  /**
   * Keeps a subscription. The same browser subscribing again (its endpoint, whoever is signed in
   * now) replaces its earlier row in the same transaction: a shared computer reaches only the
   * person who turned push on there last.
   */
  async put(s: StoredPushSubscription): Promise<void> {
    const index = this.indexOf(s.endpoint);
    const sealed = this.vault.seal(
      JSON.stringify({ endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth }),
      BOUND.pushSubscription.of({ id: s.id, account_id: s.accountId, session_id: s.sessionId }),
    );
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('push_subscriptions').where('endpoint_index', '=', index).execute();
      await trx
        .insertInto('push_subscriptions')
        .values({
          id: s.id,
          account_id: s.accountId,
          session_id: s.sessionId,
          endpoint_index: index,
          subscription_enc: sealed,
          created_at: s.createdAt,
        })
        .execute();
    });
  }

  /** How many devices the account has push on for, besides the one with this endpoint. */
  async countOthers(accountId: string, endpoint: string): Promise<number> {
    const row = await this.db
      .selectFrom('push_subscriptions')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('account_id', '=', accountId)
      .where('endpoint_index', '!=', this.indexOf(endpoint))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** One page of the account's subscriptions, newest first, after `after` (a key of PUSH_SUBSCRIPTION_KEY). */
  async page(accountId: string, after: PageKey | null, size: number): Promise<Page<ListedPushSubscription>> {
    let q = this.db.selectFrom('push_subscriptions').selectAll().where('account_id', '=', accountId);
    if (after) q = q.where(olderThan(PUSH_SUBSCRIPTION_KEY, after));
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(size + 1)
      .execute();
    const items = rows.map((r) => ({ id: r.id, sessionId: r.session_id, createdAt: r.created_at, target: this.open(r) }));
    return pageOf(items, size, (s) => [s.createdAt, s.id]);
  }

  /** Every subscription a push for this account goes to: only those of sessions still in force at `now`. */
  async forSending(accountId: string, now: string): Promise<StoredPushSubscription[]> {
    const rows = await this.db
      .selectFrom('push_subscriptions')
      .innerJoin('sessions', 'sessions.id', 'push_subscriptions.session_id')
      .select([
        'push_subscriptions.id',
        'push_subscriptions.account_id',
        'push_subscriptions.session_id',
        'push_subscriptions.subscription_enc',
        'push_subscriptions.created_at',
      ])
      .where('push_subscriptions.account_id', '=', accountId)
      .where('sessions.expires_at', '>', now)
      .execute();
    const out: StoredPushSubscription[] = [];
    for (const r of rows) {
      const target = this.open(r);
      if (target) out.push({ id: r.id, accountId: r.account_id, sessionId: r.session_id, createdAt: r.created_at, ...target });
    }
    return out;
  }

  /** Removes one of the account's subscriptions; false when it is not theirs or does not exist. */
  async remove(accountId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('push_subscriptions')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Removes a subscription its push service says is gone (404/410). */
  async forget(id: string): Promise<void> {
    await this.db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
  }
}
