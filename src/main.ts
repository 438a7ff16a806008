import { ConfigError, loadConfig } from './platform/config.js';
import { SchemaTooNewError } from './platform/db/migrator.js';
import { DataFolderBusyError } from './platform/db/in-use-lock.js';
import { DatabaseUnreachableError, waitForPostgres } from './platform/db/wait-for-postgres.js';
import { checkDataFolder, DataFolderError } from './platform/data-folder.js';
import { buildApp } from './app.js';
import { startupSummary } from './platform/startup-summary.js';
import { boundMemory } from './platform/memory-bounds.js';

boundMemory();

/** Before the app (and its logger) exists: one JSON line in the logger's shape, at level warn. */
function startupLog(config: { logLevel: string }): (message: string) => void {
  const quiet = ['fatal', 'error', 'silent'].includes(config.logLevel);
  return (message) => {
    if (!quiet) process.stdout.write(`${JSON.stringify({ level: 40, time: Date.now(), pid: process.pid, msg: message })}\n`);
  };
}

/** Starts Mend: configuration, database (migrated), then the HTTP server; stops cleanly on SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Mend cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  let app;
  try {
    // The data folder holds the SQLite database and the key file: checked before either is opened.
    if (config.databaseUrl === null || config.encryptionKey === null) checkDataFolder(config.dataDir);
    if (config.databaseUrl !== null) await waitForPostgres(config.databaseUrl, config.databaseWaitSeconds, startupLog(config));
    app = await buildApp(config);
  } catch (error) {
    if (
      error instanceof SchemaTooNewError ||
      error instanceof DataFolderBusyError ||
      error instanceof DataFolderError ||
      error instanceof DatabaseUnreachableError ||
      (error instanceof Error && /key|encryption/i.test(error.name))
    ) {
      process.stderr.write(`Mend cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const shutdown = async (signal: string): Promise<void> => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(startupSummary(config), 'Mend is ready');
  // Work deferred to keep start-up short is done a second later (after a proxy's first health
  // checks and the first pages), in small steps between requests, so the first form post does not
  // wait for it either. The password dictionaries are not among it: they load on the first
  // sign-up or password change and are dropped when unused (password-strength.ts, issue #24).
  setTimeout(() => {
    app.compileRemainingSchemas().catch((error: unknown) => app.log.error({ err: error }, 'warming up after start failed'));
  }, 1000).unref();
}

main().catch((error: unknown) => {
  process.stderr.write(`Mend stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
