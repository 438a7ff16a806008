/**
 * The floor under the progress API (issue #7's "half the bare route" target), SQLite only: the
 * least any server must do to answer it as Mend does, written by hand on the same Fastify —
 * Mend's response headers, the bearer token hashed, Mend's own one-statement read of session,
 * account and membership (the SQL text SessionStore sends, run straight on better-sqlite3, no
 * Kysely), the expiry and membership checks, and the viewer's kept gzipped body and ETag
 * (captured from Mend by bench/http.ts). No plugins, hooks, schemas, logging or services.
 *
 * Started by bench/http.ts: `node --import tsx bench/progress-floor-server.ts` with PORT,
 * MEND_DATA_DIR (the seeded SQLite data dir) and FLOOR_KEPT (a JSON file: `headers` to copy,
 * `bodies` by "spaceId accountId" → { body (base64), etag }).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { SQLITE_FILE_NAME } from '../src/platform/db/database.js';
import type { Database as Schema } from '../src/platform/db/schema.js';
import { SessionStore } from '../src/features/accounts/sessions-store.js';

interface Kept {
  headers: Record<string, string>;
  bodies: Record<string, { body: string; etag: string }>;
}

const kept = JSON.parse(fs.readFileSync(process.env.FLOOR_KEPT!, 'utf8')) as Kept;
const bodies = new Map(Object.entries(kept.bodies).map(([key, k]) => [key, { body: Buffer.from(k.body, 'base64'), etag: k.etag }]));
const headers = Object.entries(kept.headers);
const sqlite = new Database(path.join(process.env.MEND_DATA_DIR!, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });

// The statement Mend sends, captured from its own store with stand-ins for the token and space.
const TOKEN = '\u0000token';
const SPACE = '\u0000space';
let sent: CompiledQuery | null = null;
const capture = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => void (sent ??= event.query) });
await new SessionStore(capture).withAccountForSpace(TOKEN, SPACE);
if (!sent) throw new Error('SessionStore sent no statement.');
const { sql, parameters } = sent as CompiledQuery;
const read = sqlite.prepare(sql);
const bind = (tokenHash: string, spaceId: string) => parameters.map((p) => (p === TOKEN ? tokenHash : p === SPACE ? spaceId : p));

interface Row {
  account_id: string;
  expires_at: string;
  member_status: string | null;
}

const app = Fastify({ logger: false });
app.addHook('onRequest', (_request, reply, done) => {
  for (const [name, value] of headers) reply.header(name, value);
  done();
});
app.get('/ready', (_request, reply) => reply.send('ready'));
app.get<{ Params: { spaceId: string } }>('/api/v1/spaces/:spaceId/progress', (request, reply) => {
  const authorization = request.headers.authorization;
  if (!authorization?.startsWith('Bearer ')) return reply.code(401).send({ error: { code: 'unauthenticated' } });
  const tokenHash = createHash('sha256').update(authorization.slice(7).trim()).digest('hex');
  const row = read.get(bind(tokenHash, request.params.spaceId)) as Row | undefined;
  if (!row || row.expires_at <= new Date().toISOString()) return reply.code(401).send({ error: { code: 'unauthenticated' } });
  const kept = row.member_status === 'active' ? bodies.get(`${request.params.spaceId} ${row.account_id}`) : undefined;
  if (!kept) return reply.code(404).send({ error: { code: 'not_found' } });
  reply.header('etag', kept.etag).header('vary', 'Accept-Encoding').header('content-type', 'application/json; charset=utf-8');
  if (request.headers['if-none-match'] === kept.etag) return reply.code(304).send();
  return reply.header('content-encoding', 'gzip').send(kept.body);
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
