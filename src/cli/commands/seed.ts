import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../../platform/config.js';
import { PasswordHasher } from '../../features/accounts/password-hasher.js';
import { openStore, type Store } from '../../platform/db/database.js';
import { migrateToLatest } from '../../platform/db/migrator.js';
import { openVault } from '../../platform/vault/open-vault.js';
import { startEncryption } from '../../platform/vault/start-encryption.js';
import type { Vault } from '../../platform/vault/vault.js';
import type { CliIo } from '../io.js';
import { addCouple, emailIndex, emptyRows, rowCount, seededEmails, type SeededCouple } from './seed-rows.js';
import { readSeedRecord, seedRecordFile, writeSeedRecord, type SeedRecord } from './seed-record.js';
import { buildIndexes, dropIndexes, isDeferredIndexList, readBulkIndexes, shouldDeferIndexes } from './seed-indexes.js';
import { seedWriter } from './seed-writer.js';

export type { SeededCouple } from './seed-rows.js';

export const SEED_USAGE = 'Usage: mend seed [--couples N] [--days N] [--json]\n       mend seed --resume [--json]\n';
const MAX_COUPLES = 1_000_000;
const MAX_DAYS = 3660;
/** Rows per transaction: large enough that commits cost nothing, small enough to keep memory flat. */
const ROWS_PER_BATCH = 40_000;
const PROGRESS_EVERY_MS = 3000;
const SAMPLE_SIZE = 50;
/** Seeding uses at most this many PostgreSQL connections at once (a shared server stays usable). */
const WRITES_IN_FLIGHT = 2;

export interface SeedSummary {
  where: string;
  couples: number;
  days: number;
  /** The one password every seeded account shares (made up per run; also in the run's record). */
  password: string;
  checkins: number;
  logEntries: number;
  entries: number;
  /** Every row written, all tables. */
  rows: number;
  /** Seconds of this invocation (a resumed run counts only its own part). */
  seconds: number;
  /** Seconds this invocation spent building indexes deferred to the end (PostgreSQL, empty tables); 0 if none. */
  indexSeconds: number;
  /** The first couples (at most 50), for sign-ins. */
  sample: SeededCouple[];
}

export interface SeedProgress {
  done: number;
  total: number;
  rows: number;
  seconds: number;
}

interface SeedArgs {
  couples: number;
  days: number;
  json: boolean;
  resume: boolean;
}

function parseArgs(args: string[]): SeedArgs | null {
  const out: SeedArgs = { couples: 1000, days: 365, json: false, resume: false };
  const given = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json' || arg === '--resume') {
      out[arg === '--json' ? 'json' : 'resume'] = true;
      continue;
    }
    if (arg !== '--couples' && arg !== '--days') return null;
    const raw = args[++i] ?? '';
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    const max = arg === '--couples' ? MAX_COUPLES : MAX_DAYS;
    if (!Number.isInteger(value) || value < 1 || value > max) return null;
    if (arg === '--couples') out.couples = value;
    else out.days = value;
    given.add(arg);
  }
  // A resumed run keeps the size it was started with.
  if (out.resume && given.size > 0) return null;
  return out;
}

/** Where the data goes, in words and as the run record's key (never the URL's password). */
function describeDatabase(store: Store, databaseUrl: string | null): string {
  if (!databaseUrl) return `SQLite ${store.sqliteFile}`;
  const url = new URL(databaseUrl);
  return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

async function coupleExists(store: Store, vault: Vault, record: SeedRecord, index: number): Promise<boolean> {
  const row = await store.db
    .selectFrom('accounts')
    .select('id')
    .where('email_index', '=', emailIndex(vault, seededEmails(record, index)[0]))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Where an interrupted run really stopped: the record is written after each committed batch, so
 * the database can be a batch or two ahead of it (a crash between commit and record, or a batch
 * committed while the one before it failed), never behind.
 */
async function committedCouples(store: Store, vault: Vault, record: SeedRecord): Promise<number> {
  let done = record.done;
  if (done > 0 && !(await coupleExists(store, vault, record, done - 1))) {
    throw new Error(`the database does not hold the seed run recorded in ${seedRecordFile(record.dataDir)} (couple ${done} is missing).`);
  }
  while (done < record.couples && (await coupleExists(store, vault, record, done)))
    done = Math.min(record.couples, done + record.couplesPerBatch);
  return done;
}

/** Writes the data set (or finishes an interrupted one); used by `mend seed` and by the benchmark. */
export async function seed(options: {
  couples: number;
  days: number;
  resume?: boolean;
  onProgress?: (p: SeedProgress) => void;
  /** A stage of the run that is not writing couples (building indexes), in words. */
  onStage?: (message: string) => void;
}): Promise<SeedSummary> {
  const started = performance.now();
  const config = loadConfig();
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(store);
    const vault = openVault((await startEncryption(store, config)).keyring);
    const where = describeDatabase(store, config.databaseUrl);
    const previous = readSeedRecord(config.dataDir);
    let record: SeedRecord;
    if (options.resume) {
      if (!previous) throw new Error(`there is no seed run to resume (no ${seedRecordFile(config.dataDir)}).`);
      if (previous.where !== where)
        throw new Error(`the seed run in ${seedRecordFile(config.dataDir)} wrote to ${previous.where}, not to ${where}.`);
      record = { ...previous, dataDir: config.dataDir };
      if (record.deferredIndexes !== undefined && !isDeferredIndexList(record.deferredIndexes)) {
        throw new Error(`the indexes recorded in ${seedRecordFile(config.dataDir)} are not a list this command wrote; they are not run.`);
      }
      record.done = await committedCouples(store, vault, record);
    } else {
      if (previous && previous.where === where && (previous.deferredIndexes?.length ?? 0) > 0) {
        // Deleting the record would leave the tables without their indexes and constraints for good.
        throw new Error(
          `an earlier seed run into ${where} stopped before it built ${previous.deferredIndexes!.length} indexes of checkins and agreement_log_entries. ` +
            'Run `mend seed --resume` to build them (and finish the run).',
        );
      }
      if (previous && previous.done < previous.couples && previous.where === where) {
        throw new Error(
          `an earlier seed run into ${where} stopped after ${previous.done} of ${previous.couples} couples. ` +
            `Run \`mend seed --resume\` to finish it, or delete ${seedRecordFile(config.dataDir)} to start another.`,
        );
      }
      record = {
        dataDir: config.dataDir,
        where,
        tag: randomBytes(3).toString('hex'),
        password: `seed ${randomBytes(9).toString('base64url')} quiet lantern`,
        today: new Date().toISOString().slice(0, 10),
        couples: options.couples,
        days: options.days,
        couplesPerBatch: Math.max(1, Math.floor(ROWS_PER_BATCH / (options.days * 3))),
        done: 0,
        checkins: 0,
        logEntries: 0,
        entries: 0,
        rows: 0,
        seconds: 0,
        sample: [],
      };
      writeSeedRecord(record);
      // Recorded before they are dropped, so a run stopped at any point can build them again.
      if (await shouldDeferIndexes(store)) {
        record.deferredIndexes = await readBulkIndexes(store);
        writeSeedRecord(record);
        await dropIndexes(store, record.deferredIndexes);
        options.onStage?.(
          `the ${record.deferredIndexes.length} indexes of checkins and agreement_log_entries are built after the rows are written`,
        );
      }
    }
    // One argon2id hash for every account of the run: hashing is the slow part of signing up, not
    // of seeding. Any hash of the run's password verifies, so a resumed run simply makes its own.
    const passwordHash = await new PasswordHasher(config.argon2).hash(record.password);
    const run = { tag: record.tag, passwordHash, today: record.today, days: record.days };
    const write = await seedWriter(store);
    const secondsBefore = record.seconds;
    let rowsThisRun = 0;
    let lastReport = performance.now();
    const report = () => {
      lastReport = performance.now();
      options.onProgress?.({ done: record.done, total: record.couples, rows: rowsThisRun, seconds: (performance.now() - started) / 1000 });
    };

    const build = (first: number) => {
      const rows = emptyRows();
      const last = Math.min(record.couples, first + record.couplesPerBatch);
      const counts = { checkins: 0, logEntries: 0, entries: 0, sample: [] as SeededCouple[] };
      for (let index = first; index < last; index++) {
        const done = addCouple(rows, vault, run, index);
        counts.checkins += done.checkins;
        counts.logEntries += done.logEntries;
        counts.entries += done.entries;
        if (index < SAMPLE_SIZE) counts.sample.push(done.couple);
      }
      return { rows, first, last, counts };
    };
    // Batches are built while earlier ones are written, with up to WRITES_IN_FLIGHT transactions
    // open at once on PostgreSQL (SQLite writes synchronously, one at a time). They are recorded
    // in order, so the record never counts a batch whose predecessors are not all committed; a
    // batch that committed ahead of a failed one is found again by `--resume` and skipped.
    type Built = ReturnType<typeof build>;
    const inFlight: Array<{ batch: Built; writing: Promise<void> }> = [];
    const settle = async (): Promise<void> => {
      const { batch, writing } = inFlight.shift()!;
      try {
        await writing;
      } catch (error) {
        await Promise.allSettled(inFlight.map((w) => w.writing));
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `writing couples ${batch.first + 1}–${batch.last} failed (${reason}); that batch was rolled back. ` +
            `${record.done} of ${record.couples} couples are recorded as written; \`mend seed --resume\` continues from there.`,
          { cause: error },
        );
      }
      const rows = rowCount(batch.rows);
      rowsThisRun += rows;
      record.done = batch.last;
      record.rows += rows;
      record.checkins += batch.counts.checkins;
      record.logEntries += batch.counts.logEntries;
      record.entries += batch.counts.entries;
      record.sample.push(...batch.counts.sample);
      record.seconds = Math.round((secondsBefore + (performance.now() - started) / 1000) * 10) / 10;
      writeSeedRecord(record);
      if (performance.now() - lastReport >= PROGRESS_EVERY_MS) report();
    };
    const inFlightLimit = store.dialect === 'postgres' ? WRITES_IN_FLIGHT : 1;
    for (let first = record.done; first < record.couples;) {
      const batch = build(first);
      first = batch.last;
      const ahead =
        options.resume &&
        batch.first < record.done + WRITES_IN_FLIGHT * record.couplesPerBatch &&
        (await coupleExists(store, vault, record, batch.first));
      const writing = ahead ? Promise.resolve() : write(batch.rows);
      // Its rows are already there (counted below) but were not built with these ids.
      if (ahead) batch.counts.sample = [];
      writing.catch(() => {});
      inFlight.push({ batch, writing });
      if (inFlight.length >= inFlightLimit) await settle();
    }
    while (inFlight.length > 0) await settle();
    report();
    let indexSeconds = 0;
    let indexesBuilt = 0;
    if (record.deferredIndexes && record.deferredIndexes.length > 0) {
      const indexesStarted = performance.now();
      options.onStage?.(`building ${record.deferredIndexes.length} indexes …`);
      try {
        indexesBuilt = await buildIndexes(store, record.deferredIndexes, (index, seconds) =>
          options.onStage?.(`built ${index.name} (${seconds.toFixed(1)} s)`),
        );
      } catch (error) {
        throw new Error(
          `building the indexes of checkins and agreement_log_entries failed (${error instanceof Error ? error.message : String(error)}). ` +
            'Every couple is written; `mend seed --resume` builds the indexes still missing.',
          { cause: error },
        );
      }
      indexSeconds = Math.round((performance.now() - indexesStarted) / 100) / 10;
      record.deferredIndexes = [];
      writeSeedRecord(record);
    }
    // Fresh statistics, so that the first queries on the new data are planned for its real size
    // (autovacuum would get there too, later).
    if (store.dialect === 'postgres' && (rowsThisRun > 0 || indexesBuilt > 0)) await sql`analyze`.execute(store.db);
    return {
      where,
      couples: record.couples,
      days: record.days,
      password: record.password,
      checkins: record.checkins,
      logEntries: record.logEntries,
      entries: record.entries,
      rows: record.rows,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      indexSeconds,
      sample: record.sample,
    };
  } finally {
    await store.close();
  }
}

/**
 * `mend seed`: a realistic data set for benchmarks — N couples (default 1,000) with a year of
 * daily check-ins, agreements and their log, and a journey with entries — built in memory and
 * written in bulk (see seed-rows.ts and seed-writer.ts). Every seeded account shares one made-up
 * password, printed at the end and kept with the run's progress in `<data dir>/seed-run.json`.
 */
export async function runSeed(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed) {
    io.stderr.write(SEED_USAGE);
    return 2;
  }
  const summary = await seed({
    couples: parsed.couples,
    days: parsed.days,
    resume: parsed.resume,
    onProgress: ({ done, total, rows, seconds }) => {
      const rate = seconds > 0 ? ` — ${Math.round(rows / seconds).toLocaleString('en')} rows/s` : '';
      io.stderr.write(`seed: ${done} of ${total} couples written (${seconds.toFixed(1)} s${rate})\n`);
    },
    onStage: (message) => io.stderr.write(`seed: ${message}\n`),
  });
  if (parsed.json) {
    io.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  }
  const one = summary.sample[0]!;
  io.stdout.write(
    `Seeded ${summary.couples} couples over ${summary.days} days (${summary.seconds} s in this run): ${summary.checkins} check-ins, ` +
      `${summary.logEntries} agreement log entries, ${summary.entries} journey entries, ${summary.rows} rows in all.\n` +
      `Written to ${summary.where}.\n\n` +
      `Every seeded account's password: ${summary.password}\n` +
      `One couple for the benchmark:\n` +
      `  Alex (broke trust):  ${one.emails[0]}\n` +
      `  Sam  (was hurt):     ${one.emails[1]}\n` +
      `  space ${one.spaceId}, journey ${one.journeyId}\n` +
      'The data is made up. Use it only on a test installation.\n',
  );
  return 0;
}
