import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { keyIdsMissingFrom } from '../store/start-encryption.js';

/**
 * `/healthz`: the process answers. `/readyz`: it can also reach its database, and has every key
 * the database's values were written with — another server with a different key may have
 * recorded one since this one started (docs/encryption.md); then this server is not ready.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.mend.store.db);
      if ((await keyIdsMissingFrom(app.mend.store, app.mend.encryption.keyring)).length > 0) return reply.status(503).send({ status: 'unavailable', reason: 'keys_missing' });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
}
