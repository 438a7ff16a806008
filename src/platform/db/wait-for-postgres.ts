import pg from 'pg';

/**
 * Waits at start-up for PostgreSQL to answer, up to `seconds` (MEND_DB_WAIT_SECONDS): a server
 * started with its database (a reboot, `docker compose up`) used to exit at once because
 * PostgreSQL was still starting. Only "not there yet" is waited for; a refused password or a
 * missing database or role will not fix itself, so it stops start-up at once. Nothing said here
 * repeats the URL's password: only the host, port and database name are named.
 */
export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

/** Errors that mean PostgreSQL is not (yet) accepting connections. */
const NOT_YET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  '57P03', // cannot_connect_now: the server is starting up or shutting down
  '53300', // too_many_connections
]);

/** `host:port/database` of a PostgreSQL URL, with no user or password. */
export function describePostgres(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname || url.searchParams.get('host') || 'localhost'}:${url.port || '5432'}${url.pathname || '/'}`;
}

function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case '57P03':
      return 'PostgreSQL is starting up';
    case '53300':
      return 'too many connections';
    default:
      return code ?? 'no answer';
  }
}

function refusal(error: unknown, where: string): DatabaseUnreachableError {
  const code = (error as { code?: string }).code;
  const what =
    code === '28P01' || code === '28000'
      ? 'refused the user name or password in DATABASE_URL'
      : code === '3D000'
        ? "has no such database (create it, owned by Mend's role: see docs/deployment.md)"
        : `refused the connection (${code ?? 'unknown error'})`;
  return new DatabaseUnreachableError(`PostgreSQL at ${where} ${what}.`);
}

export async function waitForPostgres(
  databaseUrl: string,
  seconds: number,
  log: (message: string) => void,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  const where = describePostgres(databaseUrl);
  const deadline = Date.now() + seconds * 1000;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
    // A connection dropped while connecting emits 'error' as well as rejecting connect().
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      if (attempt > 1) log(`PostgreSQL at ${where} answers; starting.`);
      return;
    } catch (error) {
      // pg's own timeouts and dropped connections carry no code: PostgreSQL may be starting.
      const code = (error as { code?: string }).code;
      if (code !== undefined && !NOT_YET.has(code)) throw refusal(error, where);
      const left = Math.ceil((deadline - Date.now()) / 1000);
      if (left <= 0) {
        throw new DatabaseUnreachableError(
          `PostgreSQL at ${where} did not answer within ${seconds} s (${reason(error)}). Start it, or raise MEND_DB_WAIT_SECONDS.`,
        );
      }
      log(`Waiting for PostgreSQL at ${where} (${reason(error)}); giving up in ${left} s.`);
      await sleep(Math.min(1000, left * 1000));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
