import path from 'node:path';
import SQLite from 'better-sqlite3';
import { makeDataFolder } from '../data-folder.js';

/**
 * Whether a SQLite data folder is in use. Every process that opens the database through
 * `openStore` (the server, `mend migrate`, `mend rotate-key`, `mend seed`) holds a shared lock on
 * `mend.in-use` beside it for as long as it is open; `mend restore` takes the lock exclusively, so
 * it refuses while any of them runs, and none of them can start while a restore runs. A restore
 * under a running server used to answer 201 to writes that vanished at the next restart.
 *
 * The lock is SQLite's own file lock on an empty database file (a read transaction holds SHARED,
 * BEGIN EXCLUSIVE needs everyone else gone): POSIX advisory locks, which the operating system
 * drops when the process ends in any way, SIGKILL included — a crashed server leaves no stale lock
 * to clear by hand. SQLite also sorts out two handles of one process, so an in-process test app
 * and an in-process `mend restore` see each other too. Like SQLite itself, this needs a local
 * file system (NFS locking is unreliable).
 */
export const IN_USE_FILE_NAME = 'mend.in-use';

export class DataFolderBusyError extends Error {
  override name = 'DataFolderBusyError';
}

export interface InUseLock {
  release(): void;
}

function open(dataDir: string): SQLite.Database {
  makeDataFolder(dataDir);
  const handle = new SQLite(path.join(dataDir, IN_USE_FILE_NAME));
  // Waiting would block the event loop (better-sqlite3 is synchronous); the answer is wanted now.
  handle.pragma('busy_timeout = 0');
  return handle;
}

function held(handle: SQLite.Database): InUseLock {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      handle.close();
    },
  };
}

/** Held while the database is open; throws DataFolderBusyError while a restore runs. */
export function holdInUse(dataDir: string): InUseLock {
  const handle = open(dataDir);
  try {
    handle.exec('begin');
    // The read takes SHARED and keeps it until the transaction ends (when the handle closes).
    handle.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    handle.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new DataFolderBusyError(`A restore (mend restore) is replacing the database in ${dataDir}; start again once it has finished.`);
    }
    throw error;
  }
  return held(handle);
}

/** The lock for `mend restore`, or null while any process has the database open. */
export function takeExclusively(dataDir: string): InUseLock | null {
  const handle = open(dataDir);
  try {
    handle.exec('begin exclusive');
  } catch (error) {
    handle.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return null;
    throw error;
  }
  return held(handle);
}
