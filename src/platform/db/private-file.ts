import fs from 'node:fs';
import path from 'node:path';

/**
 * Creates an empty file only its owner may read and write (0600), refusing one that exists, for a
 * copy of the database to be written into: SQLite keeps a file's mode when it writes into it, so
 * a backup is never readable by others, not even for a moment, whatever the umask.
 */
export function createPrivateFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
  // openSync's mode is masked by the umask, which can only take permissions away; chmod makes it exact.
  fs.chmodSync(file, 0o600);
}
