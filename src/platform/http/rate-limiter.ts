import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { sql } from 'kysely';
import type { Store } from '../db/database.js';
import { MendError } from '../errors.js';
import { markFromDatabase } from '../db/from-database.js';
import type { Vault } from '../vault/vault.js';

/**
 * Counting failures and requests per key. On PostgreSQL the counters live in the database, so
 * several app servers share them; on SQLite there is one process, so memory is enough (each
 * counter there removes itself when it expires).
 *
 * A key is stored only as a keyed hash (the vault's index key, one purpose per limiter): the
 * counters name no email, address or account in clear, and a copied database cannot be searched
 * for one without the key.
 */
export interface Limiter {
  /** Seconds until `key` may try again, or 0 when it is not blocked. */
  blockedFor(key: string): Promise<number>;
  /** Counts one attempt; returns seconds until the next is allowed when this one went over. */
  hit(key: string): Promise<number>;
  reset(key: string): Promise<void>;
  /** Deletes counters that expired before `nowMs` (PostgreSQL; memory counters remove themselves). */
  removeExpired(nowMs: number): Promise<void>;
}

/** Expired PostgreSQL counters are swept by the hits themselves, at most this often per limiter. */
const SWEEP_EVERY_MS = 5 * 60 * 1000;

class FlexibleLimiter implements Limiter {
  private lastSweep = 0;

  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly points: number,
    private readonly hashed: (key: string) => string,
    /** PostgreSQL: the limiter's errors are the database's (an outage answers 503, unavailable.ts). */
    private readonly inDatabase: boolean,
    private readonly deleteExpired: (nowMs: number) => Promise<void> = async () => undefined,
  ) {}

  private readonly fail = (error: unknown): never => {
    throw this.inDatabase ? markFromDatabase(error) : error;
  };

  async blockedFor(key: string): Promise<number> {
    const res = await this.limiter.get(this.hashed(key)).catch(this.fail);
    if (!res || res.consumedPoints < this.points) return 0;
    return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  }

  async hit(key: string): Promise<number> {
    this.sweepWhenDue();
    try {
      await this.limiter.consume(this.hashed(key));
      return 0;
    } catch (rejection) {
      if (rejection instanceof Error) return this.fail(rejection);
      const ms = (rejection as { msBeforeNext?: number }).msBeforeNext ?? 1000;
      return Math.max(1, Math.ceil(ms / 1000));
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(this.hashed(key)).catch(this.fail);
  }

  removeExpired(nowMs: number): Promise<void> {
    return this.deleteExpired(nowMs).catch(this.fail);
  }

  /** No timer: a limiter nobody hits has nothing new to expire. */
  private sweepWhenDue(): void {
    const now = Date.now();
    if (!this.inDatabase || now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    // Not awaited, and a failure is not the caller's: the next due hit sweeps again.
    this.removeExpired(now).catch(() => undefined);
  }
}

/** Throws `rate_limited` (with the longest wait) while any of these limiters blocks its key. */
export async function refuseWhileBlocked(limits: Array<[Limiter, string]>): Promise<void> {
  const wait = Math.max(0, ...(await Promise.all(limits.map(([limiter, key]) => limiter.blockedFor(key)))));
  if (wait > 0) throw new MendError('rate_limited', undefined, undefined, wait);
}

export interface LimiterSpec {
  name: string;
  points: number;
  durationSeconds: number;
}

export async function createLimiter(store: Store, vault: Pick<Vault, 'index'>, spec: LimiterSpec): Promise<Limiter> {
  const opts = { keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds };
  const hashed = (key: string): string => vault.index(`rate-limit.${spec.name}`, key);
  if (!store.pgPool) return new FlexibleLimiter(new RateLimiterMemory(opts), spec.points, hashed, false);
  const pool = store.pgPool;
  const limiter = await new Promise<RateLimiterPostgres>((resolve, reject) => {
    const created: RateLimiterPostgres = new RateLimiterPostgres(
      // storeType named: the library guesses it from the class name, which the server bundle renames.
      { ...opts, storeClient: pool, storeType: 'pool', tableName: 'rate_limits', clearExpiredByTimeout: false },
      (err?: unknown) => (err ? reject(markFromDatabase(err instanceof Error ? err : new Error(String(err)))) : resolve(created)),
    );
  });
  const deleteExpired = async (nowMs: number): Promise<void> => {
    await sql`delete from rate_limits where key like ${`${spec.name}:%`} and expire < ${nowMs}`.execute(store.db);
  };
  return new FlexibleLimiter(limiter, spec.points, hashed, true, deleteExpired);
}
