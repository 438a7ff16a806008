import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { SQLITE_FILE_NAME } from '../../platform/db/database.js';
import { OperatorOverview } from '../../features/accounts/operator-overview.js';
import type { CliIo } from '../io.js';
import { lastBackup } from './backup.js';
import { when, withContext } from './operator-context.js';

const MIB = 1024 * 1024;
const size = (bytes: number): string => (bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);

/** The SQLite file with its write-ahead log: what the data folder's database takes on disk. */
function sqliteBytes(dataDir: string): number {
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  return ['', '-wal', '-shm'].reduce((sum, suffix) => sum + (fs.statSync(file + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);
}

/** `mend stats`: how many accounts and spaces, how large the database is, and when it was last backed up. */
export async function runStats(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr.write('Usage: mend stats\n');
    return 2;
  }
  return withContext(async (ctx) => {
    const totals = await new OperatorOverview(ctx.store.db, ctx.vault).totals();
    const postgres = ctx.store.dialect === 'postgres';
    const bytes = postgres
      ? Number((await sql<{ bytes: string }>`select pg_database_size(current_database()) as bytes`.execute(ctx.store.db)).rows[0]?.bytes)
      : sqliteBytes(ctx.config.dataDir);
    const backedUp = postgres ? null : lastBackup(ctx.config.dataDir);
    io.stdout.write(
      [
        `Accounts:       ${totals.accounts} (${totals.disabled} disabled)`,
        `Spaces:         ${totals.spaces}`,
        `Database:       ${postgres ? 'PostgreSQL' : `SQLite in ${ctx.config.dataDir}`}, ${size(bytes)}`,
        `Last backup:    ${
          postgres
            ? 'not known (PostgreSQL is backed up with pg_dump, which Mend does not see)'
            : backedUp
              ? when(backedUp)
              : 'none made with mend backup'
        }`,
      ].join('\n') + '\n',
    );
    return 0;
  });
}
