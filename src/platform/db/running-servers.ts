import pg from 'pg';

/** The `application_name` Mend's pool gives its PostgreSQL connections (database.ts). */
export const APPLICATION_NAME = 'mend';

/**
 * How many connections of running Mend servers are open on the database at `databaseUrl`
 * (pg_stat_activity, by application name), so `mend restore` can say "stop them first". 0 when
 * the database cannot be asked: the advice printed then is the same.
 */
export async function runningMendConnections(databaseUrl: string): Promise<number> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: 3000,
    application_name: `${APPLICATION_NAME}-restore`,
  });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      'select count(*) as n from pg_stat_activity where datname = current_database() and application_name = $1 and pid <> pg_backend_pid()',
      [APPLICATION_NAME],
    );
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}
