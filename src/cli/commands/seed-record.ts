import fs from 'node:fs';
import path from 'node:path';
import type { DeferredIndex } from './seed-indexes.js';
import type { SeededCouple } from './seed-rows.js';

/**
 * A seed run's record, kept beside the encryption key in the data dir (the seeded texts are
 * useless without that key anyway): what the run writes, how far it got, and the made-up
 * password all its accounts share, so an interrupted run can be resumed and a benchmark can sign
 * seeded people in later. Rewritten after every committed batch. Test installations only.
 */
export interface SeedRecord {
  dataDir: string;
  /** The database, in words (never a URL's password). */
  where: string;
  tag: string;
  password: string;
  today: string;
  couples: number;
  days: number;
  couplesPerBatch: number;
  /** Couples written and committed, counted from the first. */
  done: number;
  checkins: number;
  logEntries: number;
  entries: number;
  rows: number;
  /** Seconds spent writing, over every invocation of the run. */
  seconds: number;
  sample: SeededCouple[];
  /**
   * PostgreSQL: the indexes this run dropped to load into empty tables, still to be built (the
   * last step of the run, also of a resumed one); empty once built, absent if none were dropped.
   */
  deferredIndexes?: DeferredIndex[];
}

export const seedRecordFile = (dataDir: string): string => path.join(dataDir, 'seed-run.json');

export function readSeedRecord(dataDir: string): SeedRecord | null {
  try {
    return JSON.parse(fs.readFileSync(seedRecordFile(dataDir), 'utf8')) as SeedRecord;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${seedRecordFile(dataDir)} cannot be read: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a record. */
export function writeSeedRecord(record: SeedRecord): void {
  const file = seedRecordFile(record.dataDir);
  fs.mkdirSync(record.dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(record, null, 1)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}
