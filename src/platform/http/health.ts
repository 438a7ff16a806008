import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { keyIdsMissingFrom } from '../vault/start-encryption.js';
import { buildInfo } from '../build-info.js';

/**
 * `/readyz` answers within this, whatever the database does: a load balancer's probe must learn
 * "not ready" during a partition, not wait with every request for the database's timeouts.
 */
export const READY_CHECK_MS = 800;

const late = Symbol('late');

/**
 * `/healthz`: the process answers, and says which Mend it is (package.json's version, and the git
 * commit or time of its build) — the same for everyone, nothing an operator's monitor could not see. `/readyz`: it can also reach its database, soon, and has every
 * key the database's values were written with — another server with a different key may have
 * recorded one since this one started (docs/encryption.md); then this server is not ready.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { version, build } = buildInfo();
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok', version, build }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof late>((resolve) => {
      timer = setTimeout(resolve, READY_CHECK_MS, late);
    });
    // A check that loses the race still ends (answer or query timeout); its failure is not logged.
    const check = (async (): Promise<boolean | 'keys_missing'> => {
      await sql`select 1`.execute(app.mend.store.db);
      return (await keyIdsMissingFrom(app.mend.store, app.mend.encryption.keyring)).length > 0 ? 'keys_missing' : true;
    })().catch(() => false);
    try {
      const outcome = await Promise.race([check, deadline]);
      if (outcome === 'keys_missing') return reply.status(503).send({ status: 'unavailable', reason: 'keys_missing' });
      if (outcome === true) return { status: 'ready' };
      return reply.status(503).send({ status: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
}
