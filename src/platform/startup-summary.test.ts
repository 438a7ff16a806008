import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.js';
import { startupSummary } from './startup-summary.js';

test('the start-up line names every setting that matters and no secret', () => {
  const config = loadConfig(
    {
      DATABASE_URL: 'postgres://mend:db-pass-SECRET@db.internal:6543/mend',
      MEND_SMTP_URL: 'smtp://mailer:smtp-pass-SECRET@mail.example.org:2525',
      MEND_ENCRYPTION_KEY: 'a2V5LVNFQ1JFVC1rZXktU0VDUkVULWtleS1TRUNSRVQ=',
      MEND_METRICS_TOKEN: 'metrics-SECRET-token-0123',
      MEND_TRUST_PROXY: '1',
    },
    '/srv/mend',
  );
  const summary = startupSummary(config);
  assert.equal(summary.database, 'postgres db.internal:6543/mend');
  assert.equal(summary.smtp, 'mail.example.org:2525');
  assert.equal(summary.keySource, 'MEND_ENCRYPTION_KEY');
  assert.equal(summary.metrics, 'on');
  assert.equal(summary.trustProxy, 1);
  assert.equal(summary.dataDir, '/srv/mend/data');
  assert.match(String(summary.version), /^\d+\.\d+\.\d+/);
  const line = JSON.stringify(summary);
  assert.ok(!/SECRET|a2V5|mailer|mend:/.test(line), line);
});

test('on SQLite without SMTP: the key file and "off"', () => {
  const summary = startupSummary(loadConfig({}, '/srv/mend'));
  assert.equal(summary.database, 'sqlite (in the data folder)');
  assert.equal(summary.keySource, '/srv/mend/data/mend.key');
  assert.equal(summary.smtp, 'off');
  assert.equal(summary.metrics, 'off');
  assert.equal(summary.trustProxy, false);
});

test('MEND_METRICS_TOKEN: too short or with spaces is refused, without repeating it', () => {
  for (const token of ['short-SECRET', 'a token with SECRET spaces']) {
    assert.throws(
      () => loadConfig({ MEND_METRICS_TOKEN: token }),
      (error: unknown) => error instanceof ConfigError && /MEND_METRICS_TOKEN/.test(error.message) && !error.message.includes('SECRET'),
    );
  }
  assert.equal(loadConfig({}).metricsToken, null);
});
