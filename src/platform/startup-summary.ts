import type { Config } from './config.js';
import { buildInfo } from './build-info.js';
import { keyFilePath } from './vault/index.js';

/** The database without its credentials: `postgres host:port/name`, or the SQLite file's folder. */
function databaseWithoutCredentials(config: Config): string {
  if (config.databaseUrl === null) return 'sqlite (in the data folder)';
  try {
    const url = new URL(config.databaseUrl);
    return `postgres ${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'postgres';
  }
}

/**
 * The one line Mend logs when it is ready: which Mend, and every setting an operator may want to
 * check at a glance — never a password, key or token, only whether one is set and where it comes from.
 */
export function startupSummary(config: Config): Record<string, unknown> {
  const { version, build } = buildInfo();
  let smtp = 'off';
  if (config.smtpUrl !== null) {
    const url = new URL(config.smtpUrl);
    smtp = `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? '465' : '587')}`;
  }
  return {
    version,
    build,
    database: databaseWithoutCredentials(config),
    dataDir: config.dataDir,
    keySource: config.encryptionKey ? 'MEND_ENCRYPTION_KEY' : keyFilePath(config.dataDir),
    smtp,
    trustProxy: config.trustProxy,
    metrics: config.metricsToken !== null ? 'on' : 'off',
    baseUrl: config.baseUrl.href,
  };
}
