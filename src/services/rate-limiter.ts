import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Store } from '../store/database.js';
import { markFromDatabase } from '../store/from-database.js';

/**
 * Counting failures and requests per key. On PostgreSQL the counters live in the database, so
 * several app servers share them; on SQLite there is one process, so memory is enough.
 */
export interface Limiter {
  /** Seconds until `key` may try again, or 0 when it is not blocked. */
  blockedFor(key: string): Promise<number>;
  /** Counts one attempt; returns seconds until the next is allowed when this one went over. */
  hit(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

class FlexibleLimiter implements Limiter {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly points: number,
    /** PostgreSQL: the limiter's errors are the database's (an outage answers 503, unavailable.ts). */
    private readonly inDatabase: boolean,
  ) {}

  private readonly fail = (error: unknown): never => {
    throw this.inDatabase ? markFromDatabase(error) : error;
  };

  async blockedFor(key: string): Promise<number> {
    const res = await this.limiter.get(key).catch(this.fail);
    if (!res || res.consumedPoints < this.points) return 0;
    return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  }

  async hit(key: string): Promise<number> {
    try {
      await this.limiter.consume(key);
      return 0;
    } catch (rejection) {
      if (rejection instanceof Error) return this.fail(rejection);
      const ms = (rejection as { msBeforeNext?: number }).msBeforeNext ?? 1000;
      return Math.max(1, Math.ceil(ms / 1000));
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key).catch(this.fail);
  }
}

export interface LimiterSpec {
  name: string;
  points: number;
  durationSeconds: number;
}

export async function createLimiter(store: Store, spec: LimiterSpec): Promise<Limiter> {
  const opts = { keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds };
  if (!store.pgPool) return new FlexibleLimiter(new RateLimiterMemory(opts), spec.points, false);
  const pool = store.pgPool;
  const limiter = await new Promise<RateLimiterPostgres>((resolve, reject) => {
    const created: RateLimiterPostgres = new RateLimiterPostgres(
      // storeType named: the library guesses it from the class name, which the server bundle renames.
      { ...opts, storeClient: pool, storeType: 'pool', tableName: 'rate_limits', clearExpiredByTimeout: false },
      (err?: unknown) => (err ? reject(markFromDatabase(err instanceof Error ? err : new Error(String(err)))) : resolve(created)),
    );
  });
  return new FlexibleLimiter(limiter, spec.points, true);
}
