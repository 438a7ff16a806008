import { runBackup, runRestore } from './commands/backup.js';
import { runMigrate } from './commands/migrate.js';

import type { CliIo } from './io.js';

export type { CliIo } from './io.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

const USAGE = `Usage: mend <command> [options]

Commands:
  migrate                 bring the database schema up to date
  backup <file>           copy the SQLite database to <file> while Mend runs (PostgreSQL: use pg_dump)
  restore <file>          replace the SQLite database with a backup (refuses while Mend runs: stop it first)
  reset-password <email>  print a one-time link to choose a new password (when Mend sends no email)
  export-user <email> [file] --yes-i-have-their-consent
                          write that account's own export (JSON) to <file> or standard output, at the
                          person's request only: what they may see in Mend, their private writing too
  rotate-key              add a new encryption key and re-encrypt every entry with it
  demo                    create a demo couple with 90 days of check-ins, agreements and progress
  seed [--couples N]      write N made-up couples (default 1,000) with a year of data, for benchmarks
  coach --jsonl           analyse JSON lines from standard input with the gentle-language coach
  coach <kind> "text"     analyse one text; kind is message, apology or agreement

Settings come from the same environment variables as the server (MEND_DATA_DIR, DATABASE_URL, …).
`;

async function loadCommand(name: string): Promise<Command | null> {
  switch (name) {
    case 'migrate':
      return runMigrate;
    case 'backup':
      return runBackup;
    case 'restore':
      return runRestore;
    case 'reset-password':
      return (await import('./commands/reset-password.js')).runResetPassword;
    case 'export-user':
      return (await import('./commands/export-user.js')).runExportUser;
    case 'rotate-key': {
      const { runRotateKey } = await import('./commands/rotate-key.js');
      return runRotateKey;
    }
    case 'demo':
      return (await import('./commands/demo.js')).runDemo;
    case 'seed':
      return (await import('./commands/seed.js')).runSeed;
    case 'coach': {
      const { runCoachCommand } = await import('./commands/coach.js');
      return runCoachCommand;
    }
    default:
      return null;
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.stderr.write(`mend: unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args, io);
  } catch (error) {
    io.stderr.write(`mend ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
