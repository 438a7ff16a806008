import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/platform/config.js';
import { buildApp } from '../../src/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { listening } from '../support/sse.js';

/**
 * A person whose phone loses signal half-way through sending a form, or a client that crashes
 * mid-upload, is not a database outage. Node raises ECONNRESET ("aborted") on the request stream
 * and Fastify marks it 400; Mend must not log it as an error-level "request failed" with
 * `mendCode: "unavailable"` (it did, before the classifier looked only at the database layer's
 * errors and a 4xx Fastify set won over the outage check).
 */

describe('a client hanging up mid-upload is not logged as a database outage [sqlite]', () => {
  let app: FastifyInstance;
  let database: TestDatabase;
  let base: URL;
  const lines: string[] = [];
  /** Error codes that reached Mend's error handling, so the test knows the hang-up got that far. */
  const reached: string[] = [];

  before(async () => {
    database = await createTestDatabase('sqlite');
    const config = loadConfig({ MEND_DATA_DIR: database.dataDir, LOG_LEVEL: 'trace' });
    app = await buildApp(config, { logStream: { write: (line: string) => void lines.push(line) } });
    app.addHook('onError', (_request, _reply, error, done) => {
      reached.push(String((error as { code?: unknown }).code));
      done();
    });
    await app.ready();
    base = new URL(await listening(app));
  });
  after(async () => {
    await app?.close();
    await database?.drop();
  });

  /**
   * Sends the head and half the body over a raw socket, then resets the connection; resolves once
   * the server's request has closed (Mend's error handling has run by then: Fastify handles the
   * stream's error before the request emits 'close').
   */
  async function hangUpMidBody(path: string, contentType: string, half: string): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      app.server.once('request', (request: IncomingMessage) => request.once('close', () => setImmediate(resolve)));
    });
    const socket = net.connect(Number(base.port), base.hostname);
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const head = `POST ${path} HTTP/1.1\r\nHost: ${base.host}\r\nContent-Type: ${contentType}\r\nContent-Length: 4000\r\n\r\n`;
    // The server must have started reading the body before the reset: wait for its request.
    const started = new Promise<void>((resolve) => app.server.once('request', () => resolve()));
    socket.write(head + half);
    await started;
    socket.resetAndDestroy();
    await closed;
  }

  for (const [label, path, contentType, half] of [
    ['a JSON sign-up', '/api/v1/accounts', 'application/json', '{"email":"hang-up@example.test","pass'],
    ['a sign-up form', '/sign-up', 'application/x-www-form-urlencoded', 'email=hang-up%40example.test&pass'],
  ] as const) {
    test(`${label}: no error-level line, no mendCode unavailable`, async () => {
      lines.length = 0;
      reached.length = 0;
      await hangUpMidBody(path, contentType, half);
      assert.deepEqual(reached, ['ECONNRESET'], 'the hang-up reached Mend’s error handling');
      const entries = lines
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number; msg: string; route?: string; mendCode?: string });
      assert.ok(
        entries.some((entry) => entry.msg === 'request' && entry.route === path),
        'the request was logged, by its route',
      );
      const errors = entries.filter((entry) => entry.level >= 50);
      assert.deepEqual(errors, [], 'nothing logged at error level');
      assert.ok(!entries.some((entry) => entry.mendCode === 'unavailable'), 'not counted as an outage');
      assert.ok(!lines.join('').includes('hang-up@example.test'), 'nor what was sent');
    });
  }
});
