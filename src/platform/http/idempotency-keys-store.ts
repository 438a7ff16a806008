import type { Kysely } from 'kysely';
import type { ClaimedKey } from '../../core/idempotency/idempotency.js';
import { BOUND } from '../vault/bound-fields.js';
import type { Database } from '../db/schema.js';
import type { Vault } from '../vault/vault.js';

/** A first answer worth giving again: its status, the headers that describe it, and its body. */
export interface KeptAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Claim = { kind: 'claimed' } | { kind: 'claimed_before'; existing: ClaimedKey; answer: KeptAnswer | null };

/** Expired keys are removed at most this often by each server (a claim runs the sweep). */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

/**
 * Idempotency keys on the database, so every app server sharing it sees the same claims. The row
 * id is a keyed hash of the account and the key; the first answer is sealed to the account, so
 * it opens for nobody else, and is never logged.
 */
export class IdempotencyKeyStore {
  private lastSweep = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  /**
   * Claims the key for this request, or reads the claim another request made. The insert is the
   * claim: the primary key lets exactly one of two concurrent requests (on any server) win it.
   */
  async claim(id: string, accountId: string, fingerprint: string, now: Date, expiresAt: Date): Promise<Claim> {
    await this.sweep(now);
    // An expired claim is forgotten before the new one, so a key may be used again after its time.
    await this.db.deleteFrom('idempotency_keys').where('id', '=', id).where('expires_at', '<=', now.toISOString()).execute();
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({
        id,
        account_id: accountId,
        fingerprint,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        status: null,
        answer_enc: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { kind: 'claimed' };
    const row = await this.db.selectFrom('idempotency_keys').selectAll().where('id', '=', id).executeTakeFirst();
    // Released between the insert and this read: the other request was refused, so try again.
    if (!row) return this.claim(id, accountId, fingerprint, now, expiresAt);
    const sealed = row.answer_enc;
    const opened = sealed === null ? null : this.vault.open(sealed, BOUND.idempotentAnswer.of(row));
    return {
      kind: 'claimed_before',
      existing: { fingerprint: row.fingerprint, status: opened === null ? null : row.status },
      answer: opened === null ? null : (JSON.parse(opened) as KeptAnswer),
    };
  }

  /** Keeps the first answer, sealed to the account that asked. */
  async keep(id: string, accountId: string, answer: KeptAnswer): Promise<void> {
    const answerEnc = this.vault.seal(JSON.stringify(answer), BOUND.idempotentAnswer.of({ id, account_id: accountId }));
    await this.db
      .updateTable('idempotency_keys')
      .set({ status: answer.status, answer_enc: answerEnc })
      .where('id', '=', id)
      .where('status', 'is', null)
      .execute();
  }

  /** Lets the key go: the request was refused before it wrote anything. */
  async release(id: string): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('id', '=', id).where('status', 'is', null).execute();
  }

  async removeExpired(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('idempotency_keys').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async sweep(now: Date): Promise<void> {
    if (now.getTime() - this.lastSweep < SWEEP_EVERY_MS && now.getTime() >= this.lastSweep) return;
    this.lastSweep = now.getTime();
    await this.removeExpired(now);
  }
}
