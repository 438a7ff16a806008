import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { buildApp, type BuildOptions } from '../../src/app.js';
import type { Clock } from '../../src/platform/clock.js';
import { createTestDatabase, DIALECTS, skipReason, type Dialect, type TestDatabase } from './databases.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestApp(
  dialect: Dialect,
  options: { env?: Record<string, string>; clock?: Clock; logStream?: { write(line: string): void }; push?: BuildOptions['push'] } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect, { migrated: true });
  const config = loadConfig({
    MEND_DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    LOG_LEVEL: 'silent',
    // Tests create accounts by the dozen from one address; a test of the limit sets its own.
    MEND_SIGN_UP_PER_HOUR: '1000000',
    ...options.env,
  });
  const app = await buildApp(config, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.push ? { push: options.push } : {}),
  });
  await app.ready();
  return {
    app,
    config,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * Declares one suite per dialect with a fresh app and database each. `body` receives a getter
 * because the app exists only once `before` has run.
 */
export function describeEachDatabase(
  title: string,
  body: (get: () => TestApp, dialect: Dialect) => void,
  options: { clock?: Clock; env?: Record<string, string>; logStream?: { write(line: string): void }; push?: BuildOptions['push'] } = {},
): void {
  for (const dialect of DIALECTS) {
    describe(`${title} [${dialect}]`, { skip: undefined }, async () => {
      const skip = await skipReason(dialect);
      if (skip) {
        describe('skipped', { skip }, () => {});
        return;
      }
      let testApp: TestApp | null = null;
      before(async () => {
        testApp = await startTestApp(dialect, options);
      });
      after(async () => {
        await testApp?.close();
      });
      body(() => {
        if (!testApp) throw new Error('test app not started');
        return testApp;
      }, dialect);
    });
  }
}

export type Response = LightMyRequestResponse;

export function json<T = any>(response: Response): T {
  return JSON.parse(response.body) as T;
}

/** A set-up step's answer, which must have succeeded (2xx); says `what` failed otherwise. */
export async function succeeded(pending: Promise<Response>, what: string): Promise<Response> {
  const res = await pending;
  assert.ok(res.statusCode < 300, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}
