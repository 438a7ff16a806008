import { loadConfig } from '../../platform/config.js';
import { openStore } from '../../platform/db/database.js';
import { migrateToLatest } from '../../platform/db/migrator.js';
import type { CliIo } from '../io.js';

export async function runMigrate(_args: string[], io: CliIo): Promise<number> {
  const config = loadConfig();
  const store = openStore(config);
  try {
    const report = await migrateToLatest(store);
    if (report.backupFile) io.stdout.write(`Saved a copy of the database first: ${report.backupFile}\n`);
    io.stdout.write(report.applied.length ? `Applied: ${report.applied.join(', ')}\n` : 'The database is up to date.\n');
    return 0;
  } finally {
    await store.close();
  }
}
