import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Mend's configuration, read once from environment variables. Every setting has a documented
 * default (README, "Configuration"); an invalid value stops start-up with a message naming it.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` to run on PostgreSQL; unset for the embedded SQLite database in `dataDir`. */
  databaseUrl: string | null;
  baseUrl: URL;
  /** Passed to Fastify's `trustProxy`: false, true, a hop count, or a list of addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Cookies get `Secure` (and the `__Host-` prefix) when Mend is served over HTTPS. */
  secureCookies: boolean;
  quickExitUrl: string;
  /** Base64 key(s) for encryption at rest; unset means a key file in `dataDir`. */
  encryptionKey: string | null;
  /** Base64 key for the look-up indexes (emails) when keys come from the environment. */
  indexKey: string | null;
  /** Accounts that may be created from one address per hour (MEND_SIGN_UP_PER_HOUR). */
  signUpPerHour: number;
  /**
   * argon2id cost; never below OWASP's minimum (m=19 MiB, t=2, p=1). `concurrency`: how many
   * hashes run at once, each holding `memoryKiB` (issue #24: the bound on their memory).
   */
  argon2: { memoryKiB: number; timeCost: number; parallelism: number; concurrency: number };
  /** `smtp://user:pass@host:587` (or `smtps://`) for email reminders; null sends no email. */
  smtpUrl: string | null;
  /** The From address of Mend's emails. */
  mailFrom: string;
  /** How long start-up waits for PostgreSQL to answer (MEND_DB_WAIT_SECONDS, default 30). */
  databaseWaitSeconds: number;
  /** How long Mend waits on its database before it answers 503 (README, "Configuration"). */
  databaseTimeouts: DatabaseTimeouts;
  /**
   * Push notifications (MEND_PUSH, default on): people may turn them on for a device. Off, no
   * opt-in is shown and nothing is sent; the app can still be installed (docs/notifications.md).
   */
  push: boolean;
  /** Who may create an account (MEND_SIGNUPS): anyone, only with an invitation code, or no one. */
  signups: SignupMode;
  /** Bearer token for `/metrics` (MEND_METRICS_TOKEN); null: no metrics endpoint (docs/deployment.md, Monitoring). */
  metricsToken: string | null;
}

export type SignupMode = 'open' | 'invite' | 'closed';

/**
 * Bounds on waiting for the database, so a partition or a lock held elsewhere costs a person a
 * 503 within seconds instead of a request hanging for the whole outage.
 */
export interface DatabaseTimeouts {
  /** PostgreSQL: the longest wait for a connection (a new one, or a free one of the pool). */
  connectMs: number;
  /**
   * The longest wait for one query's answer: PostgreSQL's (then the connection is dropped), or on
   * SQLite for the write lock another process holds (waited for without blocking other requests).
   */
  queryMs: number;
  /** PostgreSQL's own `statement_timeout`: the server cancels a statement running longer. */
  statementMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const OWASP_MIN = { memoryKiB: 19456, timeCost: 2, parallelism: 1 };

/**
 * argon2id run at once by default: four, as many as libuv's thread pool runs, which is what Mend
 * did before the setting existed. Two on a 2-core machine held no less memory after the mixed load
 * and made sign-ins under it wait 2.1–2.6 s instead of 0.5 s (docs/performance.md, "Memory");
 * a smaller machine can lower it to hold fewer 19 MiB blocks at once.
 */
const ARGON2_CONCURRENCY = 4;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}".`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}.`);
  return value;
}

function url(name: string, raw: string, protocols: string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}".`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${raw}".`);
  }
  return parsed;
}

/** The SMTP URL; its message never repeats the value, which may hold a password. */
function smtp(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  if (!URL.canParse(value) || !['smtp:', 'smtps:'].includes(new URL(value).protocol)) {
    throw new ConfigError('MEND_SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465.');
  }
  return value;
}

/** Checks DATABASE_URL; its message never repeats the value, which holds a password. */
function postgresUrl(raw: string): void {
  const parsed = URL.canParse(raw) ? new URL(raw) : null;
  if (!parsed || !['postgres:', 'postgresql:'].includes(parsed.protocol)) {
    throw new ConfigError(
      'DATABASE_URL must look like postgres://user:password@host:5432/database (its value is not shown: it may hold a password).',
    );
  }
}

function trustProxy(raw: string | undefined): Config['trustProxy'] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry)) {
      throw new ConfigError(
        `MEND_TRUST_PROXY must be true, false, a number of proxy hops, or a comma-separated list of addresses; "${entry}" is none of these.`,
      );
    }
  }
  return list;
}

/**
 * The folder Mend is installed in (its package.json): the default `./data` and a relative
 * MEND_DATA_DIR are resolved against it, not the current folder, so the server and every `mend`
 * command use the same data wherever they are started from. Found by walking up from this module,
 * which lives in src/platform, dist/platform, or (bundled) dist.
 */
export function mendHome(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'mend') return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

function signupMode(raw: string | undefined): SignupMode {
  const value = raw?.trim().toLowerCase() || 'open';
  if (value !== 'open' && value !== 'invite' && value !== 'closed') {
    throw new ConfigError(`MEND_SIGNUPS must be open, invite or closed, got "${raw?.trim()}".`);
  }
  return value;
}

export function loadConfig(env: Env = process.env, home: string = mendHome()): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST?.trim() || 'localhost';
  const dataDir = path.resolve(home, env.MEND_DATA_DIR?.trim() || './data');

  const rawDb = env.DATABASE_URL?.trim() || null;
  if (rawDb !== null) postgresUrl(rawDb);

  const baseUrl = url('MEND_BASE_URL', env.MEND_BASE_URL?.trim() || `http://localhost:${port}`, ['http:', 'https:']);
  if (baseUrl.pathname !== '/' || baseUrl.search || baseUrl.hash) {
    throw new ConfigError(`MEND_BASE_URL must be an origin without a path, like https://mend.example.org, got "${baseUrl.href}".`);
  }

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}".`);
  }

  const secureRaw = env.MEND_SECURE_COOKIES?.trim();
  if (secureRaw && !['true', 'false'].includes(secureRaw)) {
    throw new ConfigError(`MEND_SECURE_COOKIES must be true or false, got "${secureRaw}".`);
  }
  const secureCookies = secureRaw ? secureRaw === 'true' : baseUrl.protocol === 'https:';

  const quickExitUrl = url('MEND_QUICK_EXIT_URL', env.MEND_QUICK_EXIT_URL?.trim() || 'https://www.wikipedia.org/', [
    'http:',
    'https:',
  ]).href;

  const argon2 = {
    memoryKiB: integer(env, 'MEND_ARGON2_MEMORY_KIB', OWASP_MIN.memoryKiB, OWASP_MIN.memoryKiB, 4 * 1024 * 1024),
    timeCost: integer(env, 'MEND_ARGON2_TIME_COST', OWASP_MIN.timeCost, OWASP_MIN.timeCost, 20),
    parallelism: integer(env, 'MEND_ARGON2_PARALLELISM', OWASP_MIN.parallelism, 1, 16),
    concurrency: integer(env, 'MEND_ARGON2_CONCURRENCY', ARGON2_CONCURRENCY, 1, 64),
  };

  const signUpPerHour = integer(env, 'MEND_SIGN_UP_PER_HOUR', 20, 1, 1_000_000);
  const databaseTimeouts = {
    connectMs: integer(env, 'MEND_DATABASE_CONNECT_TIMEOUT_MS', 3000, 100, 600_000),
    queryMs: integer(env, 'MEND_DATABASE_QUERY_TIMEOUT_MS', 6000, 100, 600_000),
    statementMs: integer(env, 'MEND_DATABASE_STATEMENT_TIMEOUT_MS', 5000, 100, 600_000),
  };

  const databaseWaitSeconds = integer(env, 'MEND_DB_WAIT_SECONDS', 30, 0, 3600);

  const pushRaw = env.MEND_PUSH?.trim().toLowerCase() || 'on';
  if (!['on', 'off'].includes(pushRaw)) throw new ConfigError(`MEND_PUSH must be on or off, got "${env.MEND_PUSH?.trim()}".`);

  const smtpUrl = smtp(env.MEND_SMTP_URL);
  const mailFrom = env.MEND_MAIL_FROM?.trim() || `Mend <mend@${baseUrl.hostname}>`;

  // Never repeated in the message: it is a secret.
  const metricsToken = env.MEND_METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && (metricsToken.length < 16 || !/^[\x21-\x7e]+$/.test(metricsToken))) {
    throw new ConfigError('MEND_METRICS_TOKEN must be at least 16 printable characters without spaces (e.g. from `openssl rand -hex 32`).');
  }

  return {
    port,
    host,
    dataDir,
    databaseUrl: rawDb,
    baseUrl,
    trustProxy: trustProxy(env.MEND_TRUST_PROXY),
    logLevel,
    secureCookies,
    quickExitUrl,
    encryptionKey: env.MEND_ENCRYPTION_KEY?.trim() || null,
    indexKey: env.MEND_INDEX_KEY?.trim() || null,
    argon2,
    signUpPerHour,
    smtpUrl,
    mailFrom,
    databaseWaitSeconds,
    databaseTimeouts,
    push: pushRaw === 'on',
    signups: signupMode(env.MEND_SIGNUPS),
    metricsToken,
  };
}
