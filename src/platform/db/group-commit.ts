import { AsyncResource } from 'node:async_hooks';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * One durable write: a few queries that belong together. It runs on the executor it is given —
 * never on the store's own `db`: on SQLite the batch holds Kysely's only connection, so a query
 * on `db` inside a unit would wait for the batch that waits for it. For the same reason a unit
 * does database work only (no network, no awaiting another `run`): while it waits, every query
 * of the process waits.
 */
export type WriteUnit<T> = (db: Kysely<Database>) => Promise<T>;

export interface GroupCommitOptions {
  /**
   * SQLite: run concurrent units in one transaction with one COMMIT (default). False gives every
   * unit its own transaction — one fsync per write — and is kept for the benchmark's baseline.
   */
  batching?: boolean;
  /** The most units one transaction takes; the rest wait for the next one. */
  maxBatch?: number;
  /** Told the size of every committed transaction (the metrics' batch-size histogram). */
  observe?: (batchSize: number) => void;
}

export interface GroupCommitStats {
  /** Units handed to `run`. */
  units: number;
  /** Transactions committed (each one fsync with synchronous=FULL). */
  commits: number;
  /** The most units one commit carried. */
  largestBatch: number;
}

interface Pending {
  unit: WriteUnit<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export const DEFAULT_MAX_BATCH = 128;

/**
 * Group commit. With `synchronous = FULL` every SQLite COMMIT waits for an fsync, and
 * better-sqlite3 waits on the event loop's thread, so one commit per request caps writes at the
 * disk's fsync rate and stalls every other request meanwhile. Here, units that arrive while the
 * loop is busy are queued; the first arrival schedules a flush with `setImmediate` (no timer, so an
 * idle server adds no latency), and the flush runs up to `maxBatch` of them in ONE transaction,
 * each inside its own SAVEPOINT — a unit that throws is rolled back alone and only its caller is
 * rejected. After the single COMMIT, and only then, every caller is answered: nothing is
 * acknowledged before it is durable. If BEGIN or COMMIT fails, nothing of the batch was stored
 * and every caller in it is rejected. Units that arrive during a flush form the next batch.
 *
 * Units run one after another in arrival order, so two writes to the same row land in the order
 * they were submitted (the later wins), and a read-then-write inside a unit cannot race another
 * unit. Other queries simply wait for Kysely's connection mutex while a batch runs.
 *
 * PostgreSQL: every unit is an ordinary transaction of its own. The pool commits on several
 * connections at once and the server already groups concurrent commits into one WAL flush;
 * funnelling writes through one connection would only serialise them. Units given the same `key`
 * run one after another, so a client's two quick writes to one row keep their order there too.
 */
export class GroupCommitter {
  /**
   * The default of `batching`. Only the benchmark changes it — before the server is imported —
   * to measure the one-commit-per-write baseline through HTTP in the same run.
   */
  static batchingByDefault = true;
  /** Every committer of the process together (the benchmark reads it from the server process). */
  static readonly totals: GroupCommitStats = { units: 0, commits: 0, largestBatch: 0 };

  private readonly batching: boolean;
  private readonly maxBatch: number;
  private readonly observe: ((batchSize: number) => void) | undefined;
  private queue: Pending[] = [];
  private scheduled = false;
  private flushing = false;
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly counts: GroupCommitStats = { units: 0, commits: 0, largestBatch: 0 };
  /**
   * Made with the committer, outside any request: batches are flushed from here, so no request's
   * context (and the personal key it holds, vault/held-keys.ts) is carried into another's write.
   */
  private readonly outsideRequests = new AsyncResource('mend.group-commit');

  constructor(
    private readonly db: Kysely<Database>,
    dialect: 'sqlite' | 'postgres',
    options: GroupCommitOptions = {},
  ) {
    this.batching = dialect === 'sqlite' && (options.batching ?? GroupCommitter.batchingByDefault);
    this.maxBatch = Math.max(1, options.maxBatch ?? DEFAULT_MAX_BATCH);
    this.observe = options.observe;
  }

  /** Runs `unit` durably; resolves with its result once its transaction has committed. */
  run<T>(unit: WriteUnit<T>, key?: string): Promise<T> {
    this.counts.units++;
    GroupCommitter.totals.units++;
    if (!this.batching) return this.alone(unit, key);
    return new Promise<T>((resolve, reject) => {
      // Each unit runs in its own caller's context, whichever request's flush carries it: it seals
      // what it writes with its caller's personal key, never another's (docs/encryption.md).
      this.queue.push({ unit: AsyncResource.bind(unit), resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  stats(): GroupCommitStats {
    return { ...this.counts };
  }

  private alone<T>(unit: WriteUnit<T>, key: string | undefined): Promise<T> {
    const once = () =>
      this.db
        .transaction()
        .execute((trx) => unit(trx))
        .then((value) => {
          this.counted(1);
          return value;
        });
    if (key === undefined) return once();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(once, once);
    this.tails.set(key, next);
    const forget = () => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    };
    next.then(forget, forget);
    return next;
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase: requests read in this turn of the loop join the batch.
    this.outsideRequests.runInAsyncScope(() =>
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      }),
    );
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      const outcomes = await this.commit(batch);
      if (outcomes) batch.forEach((p, i) => settle(p, outcomes[i]!));
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  /** One transaction for the batch; null when it did not commit (every caller then rejected). */
  private async commit(batch: Pending[]): Promise<Outcome[] | null> {
    const outcomes: Outcome[] = [];
    try {
      await this.db.connection().execute(async (conn) => {
        // IMMEDIATE takes the write lock now, so a unit's read-then-write cannot meet SQLITE_BUSY halfway.
        await sql`begin immediate`.execute(conn);
        try {
          for (const p of batch) {
            await sql`savepoint unit`.execute(conn);
            let outcome: Outcome;
            try {
              const value = await p.unit(conn);
              await sql`release unit`.execute(conn);
              outcome = { ok: true, value };
            } catch (error) {
              outcome = { ok: false, error };
              // If SQLite already rolled the whole transaction back, this throws and the batch fails.
              await sql`rollback to unit`.execute(conn);
              await sql`release unit`.execute(conn);
            }
            outcomes.push(outcome);
          }
          await sql`commit`.execute(conn);
        } catch (error) {
          // A failed COMMIT (e.g. a deferred constraint, SQLITE_BUSY, I/O) leaves the transaction open.
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        }
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
      return null;
    }
    this.counted(batch.length);
    return outcomes;
  }

  private counted(batchSize: number): void {
    for (const c of [this.counts, GroupCommitter.totals]) {
      c.commits++;
      c.largestBatch = Math.max(c.largestBatch, batchSize);
    }
    this.observe?.(batchSize);
  }
}

function settle(p: Pending, outcome: Outcome): void {
  if (outcome.ok) p.resolve(outcome.value);
  else p.reject(outcome.error);
}
