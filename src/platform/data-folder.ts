import fs from 'node:fs';
import path from 'node:path';

/**
 * Makes sure Mend can use its data folder before anything opens a file in it, and says in one
 * line what is wrong and what to do when it cannot. Node's own recursive mkdir spins a core
 * forever on paths such as /proc/x (and then ignores SIGTERM), so folders are made one level at a
 * time here; a raw EACCES told an operator neither which folder nor what to change.
 */
export class DataFolderError extends Error {
  override name = 'DataFolderError';
}

const WHAT_TO_DO = 'or set MEND_DATA_DIR to a folder it can write';

function who(): string {
  return typeof process.getuid === 'function' ? `the user Mend runs as (uid ${process.getuid()})` : 'the user Mend runs as';
}

function explain(error: unknown, folder: string, doing: 'create' | 'write'): DataFolderError {
  const code = (error as NodeJS.ErrnoException).code;
  const parent = path.dirname(folder);
  if (code === 'EACCES' || code === 'EPERM') {
    return doing === 'create'
      ? new DataFolderError(
          `The data folder ${folder} does not exist and ${who()} may not create it in ${parent}. Create it owned by that user (e.g. install -d -o mend -m 700 ${folder}), ${WHAT_TO_DO}.`,
        )
      : new DataFolderError(
          `The data folder ${folder} is not writable by ${who()}. Make that user its owner (e.g. chown -R mend ${folder}), ${WHAT_TO_DO}.`,
        );
  }
  if (code === 'EROFS') return new DataFolderError(`The data folder ${folder} is on a read-only file system; ${WHAT_TO_DO}.`);
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new DataFolderError(`The data folder ${folder} cannot be used: a part of that path is a file, not a folder; ${WHAT_TO_DO}.`);
  }
  if (code === 'ENOSPC') return new DataFolderError(`The disk holding the data folder ${folder} is full.`);
  return new DataFolderError(
    `The data folder ${folder} cannot be used (${code ?? 'unknown error'}): it is not an ordinary folder on a local disk; ${WHAT_TO_DO}.`,
  );
}

/** Creates `folder` (mode 0700) and its missing parents, one level at a time; throws DataFolderError. */
export function makeDataFolder(folder: string): void {
  const absolute = path.resolve(folder);
  const missing: string[] = [];
  for (let current = absolute; ; current = path.dirname(current)) {
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw explain(error, absolute, 'create');
    }
    if (stat) {
      if (!stat.isDirectory()) throw explain(Object.assign(new Error(), { code: 'ENOTDIR' }), absolute, 'create');
      break;
    }
    if (path.dirname(current) === current) break;
    missing.unshift(current);
  }
  for (const level of missing) {
    try {
      fs.mkdirSync(level, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(level).isDirectory()) continue;
      throw explain(error, absolute, 'create');
    }
  }
}

/** The data folder exists (made if need be) and Mend can create and remove a file in it. */
export function checkDataFolder(folder: string): void {
  makeDataFolder(folder);
  const probe = path.join(path.resolve(folder), `.mend-write-check-${process.pid}`);
  try {
    fs.writeFileSync(probe, '', { flag: 'w', mode: 0o600 });
    fs.rmSync(probe, { force: true });
  } catch (error) {
    throw explain(error, path.resolve(folder), 'write');
  }
}
