import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { MendError } from '../errors.js';
import { toMendError } from '../http/plugins/error-handler.js';
import { smtpMailer } from '../mail/mailer.js';
import { skipReason } from '../../../test/support/databases.js';
import { markFromDatabase } from './from-database.js';
import { isDatabaseUnavailable } from './unavailable.js';
import { thrownBy } from '../../../test/support/thrown.js';

/** A local TCP server; `onSocket` decides what it does to each connection pg opens. */
async function listening(onSocket: (socket: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer(onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => sockets.add(s));
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('SQLite errors (real ones, from a real database file)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-unavailable-'));
  const file = path.join(dir, 'test.db');
  const holder = new SQLite(file);
  holder.pragma('journal_mode = WAL');
  holder.exec('create table notes (id integer primary key, body text unique)');
  const writer = new SQLite(file);
  writer.pragma('busy_timeout = 0');
  after(() => {
    holder.close();
    writer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('SQLITE_BUSY: another connection holds the write lock past the busy timeout', async () => {
    holder.exec('begin immediate');
    try {
      const error = await thrownBy(() => writer.prepare("insert into notes (body) values ('a')").run());
      assert.match((error as { code?: string }).code ?? '', /^SQLITE_BUSY/);
      assert.equal(isDatabaseUnavailable(error), true);
    } finally {
      holder.exec('rollback');
    }
  });

  test('SQLITE_FULL: the database cannot grow', async () => {
    const full = new SQLite(path.join(dir, 'full.db'));
    full.exec('create table blobs (body blob)');
    const pages = full.pragma('page_count', { simple: true }) as number;
    full.pragma(`max_page_count = ${pages}`);
    const error = await thrownBy(() => full.prepare('insert into blobs (body) values (zeroblob(1000000))').run());
    full.close();
    assert.equal((error as { code?: string }).code, 'SQLITE_FULL');
    assert.equal(isDatabaseUnavailable(error), true);
  });

  test('SQLITE_IOERR and its extended codes (the disk failed a write or an fsync)', () => {
    // A real I/O error needs a failing disk; better-sqlite3's own error class with the codes it raises.
    for (const code of ['SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_BUSY_SNAPSHOT']) {
      assert.equal(isDatabaseUnavailable(new SQLite.SqliteError('disk I/O error', code)), true, code);
    }
  });

  test('a constraint violation or a bad statement is not an outage', async () => {
    writer.prepare("insert into notes (body) values ('same')").run();
    const duplicate = await thrownBy(() => writer.prepare("insert into notes (body) values ('same')").run());
    assert.match((duplicate as { code?: string }).code ?? '', /^SQLITE_CONSTRAINT/);
    assert.equal(isDatabaseUnavailable(duplicate), false);
    const syntax = await thrownBy(() => writer.prepare('selec 1').run());
    assert.equal(isDatabaseUnavailable(syntax), false);
  });
});

/**
 * pg's socket and dead-connection errors are outages once marked as the database's — Mend's Kysely
 * marks them (from-database.test.ts shows it, through the driver); unmarked, the same error could
 * be anyone's and is not.
 */
describe('PostgreSQL connection failures (real sockets, no server needed)', () => {
  test('ECONNREFUSED: nothing listens where the database should be', async () => {
    const closed = await listening((s) => s.destroy());
    await closed.close();
    const client = new pg.Client({ host: '127.0.0.1', port: closed.port, user: 'mend', database: 'mend' });
    const error = await thrownBy(() => client.connect());
    assert.equal((error as { code?: string }).code, 'ECONNREFUSED');
    assert.equal(isDatabaseUnavailable(error), false, 'unmarked');
    assert.equal(isDatabaseUnavailable(markFromDatabase(error)), true, 'marked');
  });

  test('"Connection terminated unexpectedly": the connection is cut', async () => {
    const cutter = await listening((s) => s.destroy());
    const client = new pg.Client({ host: '127.0.0.1', port: cutter.port, user: 'mend', database: 'mend' });
    const error = await thrownBy(() => client.connect());
    await cutter.close();
    assert.equal(error.message, 'Connection terminated unexpectedly');
    assert.equal(isDatabaseUnavailable(error), false, 'unmarked');
    assert.equal(isDatabaseUnavailable(markFromDatabase(error)), true, 'marked');
  });

  test('the pool cannot get a connection in time (a server that accepts and never answers)', async () => {
    const silent = await listening(() => {});
    const pool = new pg.Pool({ host: '127.0.0.1', port: silent.port, user: 'mend', database: 'mend', connectionTimeoutMillis: 50 });
    const error = await thrownBy(() => pool.query('select 1'));
    await pool.end();
    await silent.close();
    assert.equal(isDatabaseUnavailable(error), false, error.message);
    assert.equal(isDatabaseUnavailable(markFromDatabase(error)), true, error.message);
  });

  test('connection-exception SQLSTATEs and shutdown states, as pg reports them; 08P01 (protocol violation) is not one', () => {
    for (const code of ['08000', '08003', '08006', '08001', '08004', '57P01', '57P02', '57P03', '53100', '53300']) {
      const error = Object.assign(new pg.DatabaseError('connection failure', 0, 'error'), { code });
      assert.equal(isDatabaseUnavailable(error), true, code);
    }
    // 08P01 from a real server is in the "real server" tests below; here pg's own class with the code.
    for (const code of ['08P01', '23505', '42601', '40001', '22P02']) {
      const error = Object.assign(new pg.DatabaseError('not an outage', 0, 'error'), { code });
      assert.equal(isDatabaseUnavailable(error), false, code);
    }
  });
});

describe('what is not an outage', () => {
  test("Mend's own errors, programming errors, and lookalike messages on other error classes", () => {
    assert.equal(isDatabaseUnavailable(new MendError('not_found')), false);
    assert.equal(isDatabaseUnavailable(new MendError('internal')), false);
    assert.equal(isDatabaseUnavailable(new TypeError('Connection terminated')), false);
    assert.equal(isDatabaseUnavailable(new Error('something else went wrong')), false);
    assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
    assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE' })), false);
    // An SQLSTATE or a SQLite code on an error that is not the database driver's own.
    assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '57P03' })), false);
    assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'SQLITE_BUSY' })), false);
  });

  test('a client hanging up on a request (Node\'s own "aborted" ECONNRESET, no syscall) is not an outage', async () => {
    // A real one: an HTTP server reads a body whose sender destroys its socket half-way.
    let onError: (error: Error) => void = () => {};
    const received = new Promise<Error>((resolve) => (onError = resolve));
    const server = http.createServer((request) => {
      request.on('error', onError);
      request.resume();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"half":', () =>
      socket.destroy(),
    );
    const error = await received;
    server.close();
    assert.equal((error as { code?: string }).code, 'ECONNRESET');
    assert.equal(isDatabaseUnavailable(error), false);
  });

  test('a socket refused that is not the database: net.connect, fetch, the SMTP mailer (500 internal, not 503)', async () => {
    const closed = await listening((s) => s.destroy());
    await closed.close();
    const socket = net.connect(closed.port, '127.0.0.1');
    const refused = await new Promise<Error>((resolve) => socket.on('error', resolve));
    assert.equal((refused as { code?: string }).code, 'ECONNREFUSED');
    assert.equal((refused as { syscall?: string }).syscall, 'connect');
    assert.equal(isDatabaseUnavailable(refused), false);
    assert.equal(toMendError(refused).code, 'internal');
    // fetch wraps the refusal as its cause, which once alone made this a 503.
    const fetched = await thrownBy(() => fetch(`http://127.0.0.1:${closed.port}/`));
    assert.equal(((fetched.cause ?? {}) as { code?: string }).code, 'ECONNREFUSED');
    assert.equal(toMendError(fetched).code, 'internal');
    const mailer = smtpMailer(`smtp://127.0.0.1:${closed.port}`, 'mend@example.org');
    const mailed = await thrownBy(() => mailer.send({ to: 'someone@example.org', subject: 'Subject', text: 'Text' }));
    mailer.close();
    assert.match(mailed.message, /ECONNREFUSED/);
    assert.equal(toMendError(mailed).code, 'internal');
  });

  test('an outage wrapped as a cause, or inside an AggregateError, is still one; a mark holds for what it wraps', () => {
    const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' });
    assert.equal(isDatabaseUnavailable(new Error('query failed', { cause: markFromDatabase(refused()) })), true);
    assert.equal(isDatabaseUnavailable(new AggregateError([markFromDatabase(refused())], 'all addresses failed')), true);
    assert.equal(isDatabaseUnavailable(markFromDatabase(new Error('query failed', { cause: refused() }))), true);
    assert.equal(isDatabaseUnavailable(markFromDatabase(new AggregateError([refused()], 'all addresses failed'))), true);
    assert.equal(isDatabaseUnavailable(new Error('query failed', { cause: refused() })), false);
    assert.equal(isDatabaseUnavailable(new AggregateError([refused()], 'all addresses failed')), false);
  });
});

describe('PostgreSQL server states (real server)', async () => {
  const skip = await skipReason('postgres');
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

  test('57P01: the server ends the connection (pg_terminate_backend, as on a shutdown)', { skip }, async () => {
    const victim = new pg.Client({ connectionString: url });
    victim.on('error', () => {});
    await victim.connect();
    const pid = (await victim.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const sleeping = thrownBy(() => victim.query('select pg_sleep(60)'));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // Waits until the sleep is running, so the termination lands on the query.
      for (;;) {
        const { rows } = await admin.query("select state from pg_stat_activity where pid = $1 and query like 'select pg_sleep%'", [pid]);
        if (rows[0]?.state === 'active') break;
        await new Promise((r) => setImmediate(r));
      }
      await admin.query('select pg_terminate_backend($1)', [pid]);
      const error = await sleeping;
      assert.equal((error as { code?: string }).code, '57P01');
      assert.equal(isDatabaseUnavailable(error), true);
      // The next query on that client fails too (a plain Error of pg's), an outage once marked.
      const next = await thrownBy(() => victim.query('select 1'));
      assert.equal(isDatabaseUnavailable(markFromDatabase(next)), true, next.message);
    } finally {
      await admin.end();
      await victim.end().catch(() => undefined);
    }
  });

  test('a unique violation and a syntax error from a real server are not outages', { skip }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('create temporary table t (x int unique)');
      await client.query('insert into t values (1)');
      const duplicate = await thrownBy(() => client.query('insert into t values (1)'));
      assert.equal((duplicate as { code?: string }).code, '23505');
      assert.equal(isDatabaseUnavailable(duplicate), false);
      const syntax = await thrownBy(() => client.query('selec 1'));
      assert.equal(isDatabaseUnavailable(syntax), false);
    } finally {
      await client.end();
    }
  });

  test('08P01 (protocol violation) from a real server, for a Bind with too many parameters, is not an outage', { skip }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // pg sends Parse for one parameter and Bind with two: a client bug the server answers 08P01.
      const mismatch = await thrownBy(() => client.query('select $1::int as x', [1, 2]));
      assert.ok(mismatch instanceof pg.DatabaseError, mismatch.message);
      assert.equal((mismatch as { code?: string }).code, '08P01');
      assert.equal(isDatabaseUnavailable(mismatch), false);
      // And the connection is fine: waiting would not have mended anything.
      assert.equal((await client.query('select 1 as one')).rows[0].one, 1);
    } finally {
      await client.end();
    }
  });
});
