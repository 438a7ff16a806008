import { runBackup, runRestore } from './commands/backup.js';
import { runMigrate } from './commands/migrate.js';
import { mendVersion } from './version.js';

import type { CliIo } from './io.js';

export type { CliIo } from './io.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

const USAGE = `Usage: mend <command> [options]

Commands:
  --version               print Mend's version
  migrate                 bring the database schema up to date
  backup <file>           copy the SQLite database to <file> while Mend runs (PostgreSQL: use pg_dump)
  restore <file>          replace the SQLite database with a backup (refuses while Mend runs: stop it first)
  reset-password <email>  print a one-time link to choose a new password (when Mend sends no email)
  export-user <email> [file] --yes-i-have-their-consent
                          write that account's own export (JSON) to <file> or standard output, at the
                          person's request only: what they may see in Mend, without what they kept
                          private (locked with their own key; they can export it themselves)
  rotate-key              add a new encryption key and re-encrypt every entry with it
  private-texts           how many private texts are locked with their author's own key, and how many
                          still wait for their author's first sign-in since the upgrade
  accounts list           every account: email, created, last seen, disabled, number of spaces
  accounts show <email>   one account's counts and dates (never what anyone wrote)
  accounts disable <email>
                          the account can no longer sign in and its sessions end (enable undoes it)
  accounts enable <email> the account may sign in again
  accounts delete <email> [--yes]
                          delete the account exactly as if the person did it themselves
  stats                   accounts, spaces, database size and the last backup
  mail-test <address>     send a test email through MEND_SMTP_URL and report the mail server's answer
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
    case 'accounts':
      return (await import('./commands/accounts.js')).runAccounts;
    case 'private-texts':
      return (await import('./commands/private-texts.js')).runPrivateTexts;
    case 'stats':
      return (await import('./commands/stats.js')).runStats;
    case 'mail-test':
      return (await import('./commands/mail-test.js')).runMailTest;
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
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`mend ${mendVersion()}\n`);
    return 0;
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
