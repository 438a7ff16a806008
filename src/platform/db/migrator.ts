import fs from 'node:fs';
import path from 'node:path';
import { Migrator, sql, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Store } from './database.js';
import { MIGRATIONS } from './migrations/index.js';
import { createPrivateFile } from './private-file.js';

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

type Migrations = typeof MIGRATIONS;

function migratorFor(store: Store, migrations: Migrations): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  return new Migrator({ db: store.db, provider });
}

export interface MigrationReport {
  applied: string[];
  backupFile: string | null;
}

/** Names of migrations this database has run that this version of Mend does not know. */
export async function unknownMigrations(store: Store, migrations: Migrations = MIGRATIONS): Promise<string[]> {
  const tables = await store.db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
  const known = new Set(Object.keys(migrations));
  return rows.map((r) => r.name).filter((name) => !known.has(name));
}

async function pendingMigrations(store: Store, migrations: Migrations): Promise<{ pending: string[]; appliedCount: number }> {
  const all = await migratorFor(store, migrations).getMigrations();
  return {
    pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name),
    appliedCount: all.filter((m) => m.executedAt !== undefined).length,
  };
}

/**
 * Brings the schema up to date. Refuses a database newer than this Mend (it would otherwise run
 * old code against new data), and on SQLite copies the file aside before changing anything.
 */
export async function migrateToLatest(
  store: Store,
  options: { backupDir?: string; migrations?: Migrations } = {},
): Promise<MigrationReport> {
  const migrations = options.migrations ?? MIGRATIONS;
  const unknown = await unknownMigrations(store, migrations);
  if (unknown.length > 0) {
    throw new SchemaTooNewError(
      `This database was upgraded by a newer version of Mend (it has run ${unknown.join(', ')}). ` +
        'Start that newer version, or restore a backup made before the upgrade.',
    );
  }
  const { pending, appliedCount } = await pendingMigrations(store, migrations);
  if (pending.length === 0) return { applied: [], backupFile: null };

  let backupFile: string | null = null;
  if (store.sqlite && store.sqliteFile && appliedCount > 0) {
    const dir = options.backupDir ?? path.join(path.dirname(store.sqliteFile), 'backups');
    fs.mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    backupFile = path.join(dir, `mend-${stamp}-before-${pending[0]}.db`);
    createPrivateFile(backupFile);
    await store.sqlite.backup(backupFile);
  }

  const result: MigrationResultSet = await migratorFor(store, migrations).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed} failed: ${cause}.${backupFile ? ` The database before it is saved at ${backupFile}.` : ''}`);
  }
  return { applied: result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [], backupFile };
}
