import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.js';

test('defaults describe a local SQLite install', () => {
  const config = loadConfig({}, '/srv/mend');
  assert.equal(config.port, 3000);
  assert.equal(config.host, 'localhost');
  assert.equal(config.dataDir, '/srv/mend/data');
  assert.equal(config.databaseUrl, null);
  assert.equal(config.baseUrl.href, 'http://localhost:3000/');
  assert.equal(config.trustProxy, false);
  assert.equal(config.secureCookies, false);
  assert.deepEqual(config.argon2, { memoryKiB: 19456, timeCost: 2, parallelism: 1, concurrency: 4 });
  assert.deepEqual(config.databaseTimeouts, { connectMs: 3000, queryMs: 6000, statementMs: 5000 });
  assert.equal(config.push, true, 'push can be turned on by each person unless the operator turns it off');
});

test('MEND_PUSH=off turns push off for the whole instance', () => {
  assert.equal(loadConfig({ MEND_PUSH: 'off' }).push, false);
  assert.equal(loadConfig({ MEND_PUSH: 'OFF ' }).push, false);
  assert.equal(loadConfig({ MEND_PUSH: 'on' }).push, true);
});

test('database timeouts are read from the environment', () => {
  const config = loadConfig({
    MEND_DATABASE_CONNECT_TIMEOUT_MS: '1500',
    MEND_DATABASE_QUERY_TIMEOUT_MS: '20000',
    MEND_DATABASE_STATEMENT_TIMEOUT_MS: '15000',
  });
  assert.deepEqual(config.databaseTimeouts, { connectMs: 1500, queryMs: 20000, statementMs: 15000 });
});

test('settings are read from the environment', () => {
  const config = loadConfig(
    {
      PORT: '8080',
      HOST: '0.0.0.0',
      MEND_DATA_DIR: '/var/lib/mend',
      DATABASE_URL: 'postgres://mend@db/mend',
      MEND_BASE_URL: 'https://mend.example.org',
      MEND_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    '/',
  );
  assert.equal(config.port, 8080);
  assert.equal(config.databaseUrl, 'postgres://mend@db/mend');
  assert.equal(config.secureCookies, true, 'HTTPS base URL turns on secure cookies');
  assert.deepEqual(config.trustProxy, ['10.0.0.0/8', '127.0.0.1']);
  assert.equal(loadConfig({ MEND_TRUST_PROXY: '2' }).trustProxy, 2);
  assert.equal(loadConfig({ MEND_TRUST_PROXY: 'true' }).trustProxy, true);
  assert.equal(loadConfig({ MEND_ARGON2_CONCURRENCY: '7' }).argon2.concurrency, 7);
});

test('DATABASE_URL: a malformed one is refused without repeating it (it may hold a password); the wait for PostgreSQL defaults to 30 s', () => {
  for (const value of ['postgres://mend:canary-pw@db:notaport/mend', 'mysql://mend:canary-pw@db/mend', 'mend:canary-pw@db']) {
    assert.throws(
      () => loadConfig({ DATABASE_URL: value }),
      (err: unknown) => err instanceof ConfigError && !err.message.includes('canary-pw'),
    );
  }
  assert.equal(loadConfig({}).databaseWaitSeconds, 30);
  assert.equal(loadConfig({ MEND_DB_WAIT_SECONDS: '0' }).databaseWaitSeconds, 0);
});

test('invalid settings stop start-up with a message naming the setting', () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must look like postgres:\/\/user:password@host:5432\/database/],
    [{ MEND_DB_WAIT_SECONDS: 'soon' }, /MEND_DB_WAIT_SECONDS must be a whole number/],
    [{ MEND_DB_WAIT_SECONDS: '99999' }, /MEND_DB_WAIT_SECONDS must be between 0 and 3600/],
    [{ MEND_BASE_URL: 'localhost:3000' }, /MEND_BASE_URL must start with http/],
    [{ MEND_BASE_URL: 'not a url' }, /MEND_BASE_URL must be an absolute URL/],
    [{ MEND_BASE_URL: 'https://x.org/mend' }, /without a path/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ MEND_TRUST_PROXY: 'yes please' }, /MEND_TRUST_PROXY/],
    [{ MEND_ARGON2_MEMORY_KIB: '1024' }, /MEND_ARGON2_MEMORY_KIB must be between 19456/],
    [{ MEND_ARGON2_CONCURRENCY: '0' }, /MEND_ARGON2_CONCURRENCY must be between 1 and 64/],
    [{ MEND_SECURE_COOKIES: 'maybe' }, /MEND_SECURE_COOKIES/],
    [{ MEND_PUSH: 'no' }, /MEND_PUSH must be on or off/],
    [{ MEND_DATABASE_CONNECT_TIMEOUT_MS: '3s' }, /MEND_DATABASE_CONNECT_TIMEOUT_MS must be a whole number/],
    [{ MEND_DATABASE_QUERY_TIMEOUT_MS: '0' }, /MEND_DATABASE_QUERY_TIMEOUT_MS must be between 100/],
    [{ MEND_DATABASE_STATEMENT_TIMEOUT_MS: '99999999' }, /MEND_DATABASE_STATEMENT_TIMEOUT_MS must be between/],
  ];
  for (const [env, message] of cases) {
    assert.throws(
      () => loadConfig(env),
      (err: unknown) => err instanceof ConfigError && message.test(err.message),
    );
  }
});
