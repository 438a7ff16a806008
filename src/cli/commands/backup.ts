import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../../platform/config.js';
import { openSqlite, SQLITE_FILE_NAME } from '../../platform/db/database.js';
import { takeExclusively } from '../../platform/db/in-use-lock.js';
import { runningMendConnections } from '../../platform/db/running-servers.js';
import { createPrivateFile } from '../../platform/db/private-file.js';
import type { CliIo } from '../io.js';
import { whyNotRestorable } from './restore-checks.js';

/** Where `mend backup` notes when it last made a backup, for `mend stats`. */
export const LAST_BACKUP_FILE = 'mend.last-backup';

/**
 * On PostgreSQL Mend neither backs up nor restores: it prints PostgreSQL's own commands and exits
 * non-zero, so a cron job running `mend backup` fails visibly instead of looking successful.
 * The commands name "$DATABASE_URL", never its value (it may hold a password).
 */
const pgHint = (file: string | undefined): string =>
  "Mend is configured for PostgreSQL, so mend backup and mend restore do nothing: use PostgreSQL's own tools.\n" +
  'Back up (umask 077 keeps the file readable by you alone):\n' +
  `  umask 077 && pg_dump --format=custom --file=${file ?? 'mend.dump'} "$DATABASE_URL"\n` +
  'Restore, with every Mend server stopped (a server left running answers writes that the restore then replaces):\n' +
  `  pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" ${file ?? 'mend.dump'}\n` +
  'Keep the encryption key (MEND_ENCRYPTION_KEY or mend.key in the data folder) safe, apart from the dumps: without it the entries cannot be read, and a dump kept with its key protects nothing.\n';

/** When `mend backup` last finished in this data folder, if it ever did (read by `mend stats`). */
export function lastBackup(dataDir: string): string | null {
  try {
    const at = fs.readFileSync(path.join(dataDir, LAST_BACKUP_FILE), 'utf8').trim();
    return Number.isNaN(Date.parse(at)) ? null : at;
  } catch {
    return null;
  }
}

/** An online backup with SQLite's backup API: consistent even while Mend is writing. */
export async function runBackup(args: string[], io: CliIo): Promise<number> {
  const config = loadConfig();
  if (config.databaseUrl) {
    io.stderr.write(pgHint(args[0]));
    return 1;
  }
  const [target] = args;
  if (!target) {
    io.stderr.write('Usage: mend backup <file>\n');
    return 2;
  }
  const source = path.join(config.dataDir, SQLITE_FILE_NAME);
  if (!fs.existsSync(source)) {
    io.stderr.write(`There is no database at ${source} yet.\n`);
    return 1;
  }
  const destination = path.resolve(target);
  if (fs.existsSync(destination)) {
    io.stderr.write(`${destination} already exists; choose a new file name so no backup is overwritten.\n`);
    return 1;
  }
  createPrivateFile(destination);
  const db = openSqlite(source);
  try {
    let last = -1;
    await db.backup(destination, {
      progress: ({ totalPages, remainingPages }) => {
        const percent = totalPages ? Math.floor(((totalPages - remainingPages) / totalPages) * 100) : 100;
        if (percent >= last + 25) {
          io.stderr.write(`backup: ${percent}%\n`);
          last = percent;
        }
        // Everything left in one step: SQLite restarts a stepwise backup from the first page whenever
        // another connection (the running server) commits, so under steady writes small steps never
        // finish (scripts/reliability/backup-under-load.ts). One step reads one consistent snapshot;
        // in WAL mode the server keeps writing meanwhile.
        return 0x7fffffff;
      },
    });
  } finally {
    db.close();
  }
  const check = new SQLite(destination, { readonly: true });
  const result = check.pragma('integrity_check', { simple: true });
  check.close();
  if (result !== 'ok') {
    io.stderr.write(`The backup failed its integrity check (${String(result)}).\n`);
    return 1;
  }
  try {
    fs.writeFileSync(path.join(config.dataDir, LAST_BACKUP_FILE), `${new Date().toISOString()}\n`, { mode: 0o600 });
  } catch {
    // The backup is good; only `mend stats` will not know about it.
  }
  io.stdout.write(
    `Backed up to ${destination}\nKeep the encryption key (mend.key in ${config.dataDir}, or MEND_ENCRYPTION_KEY) safe too: without it the entries cannot be read.\n`,
  );
  return 0;
}

const RUNNING =
  'Mend is using this database (a server, or a mend command such as migrate or rotate-key), so nothing was changed:\n' +
  'a server left running would go on answering writes that the restore then replaces. Stop every Mend process\n' +
  'using this data folder, then run mend restore again.\n';

/**
 * Replaces the database with a backup, keeping the current file aside. Refuses while any process
 * has the database open (in-use-lock.ts), and holds the data folder until it is done.
 */
export async function runRestore(args: string[], io: CliIo): Promise<number> {
  const config = loadConfig();
  if (config.databaseUrl) {
    // Mend does not restore PostgreSQL itself; it can still say whether servers are connected.
    const running = await runningMendConnections(config.databaseUrl);
    if (running > 0) {
      io.stderr.write(
        `${running} connection(s) from running Mend servers are open on this database. Stop every Mend server before pg_restore.\n`,
      );
    }
    io.stderr.write(pgHint(args[0]));
    return 1;
  }
  const [source] = args;
  if (!source) {
    io.stderr.write('Usage: mend restore <file>\n');
    return 2;
  }
  const from = path.resolve(source);
  if (!fs.existsSync(from)) {
    io.stderr.write(`There is no file at ${from}.\n`);
    return 1;
  }
  const refusal = whyNotRestorable(from, config);
  if (refusal) {
    io.stderr.write(`${from} is not a Mend backup this Mend can restore: ${refusal}. Nothing was changed.\n`);
    return 1;
  }
  const lock = takeExclusively(config.dataDir);
  if (!lock) {
    io.stderr.write(RUNNING);
    return 1;
  }
  try {
    await replaceDatabase(from, path.join(config.dataDir, SQLITE_FILE_NAME), io);
  } finally {
    lock.release();
  }
  io.stdout.write(`Restored ${from}. Start Mend to use it.\n`);
  return 0;
}

async function replaceDatabase(from: string, target: string, io: CliIo): Promise<void> {
  if (fs.existsSync(target)) {
    const aside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // Fold the write-ahead log into the main file first, so the copy set aside is complete.
    const current = new SQLite(target);
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    fs.renameSync(target, aside);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
    io.stdout.write(`The previous database is kept at ${aside}\n`);
  }
  createPrivateFile(target);
  const restored = new SQLite(from, { readonly: true });
  try {
    await restored.backup(target);
  } finally {
    restored.close();
  }
}
