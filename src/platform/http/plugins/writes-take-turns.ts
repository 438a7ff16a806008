import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { WriteTurns } from '../write-turns.js';

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Requests that change something start a turn of the loop later when the turn is full
 * (write-turns.ts), before anything else of theirs runs, so the reads that arrived with them are
 * answered first. Synchronous: no promise per request.
 */
export const writesTakeTurns = fp(async (app: FastifyInstance, options: { turns?: WriteTurns }) => {
  const turns = options.turns ?? new WriteTurns();
  app.addHook('onRequest', (request, _reply, done) => {
    if (!CHANGING.has(request.method)) return done();
    turns.enter(() => done());
  });
});
