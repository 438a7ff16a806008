import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { fail } from '../../errors.js';

/**
 * A NUL character is never part of an id, an address or anything a person writes, and PostgreSQL
 * refuses it in text (it gave a 500 there, while SQLite took it). It is turned away before any
 * handler runs, on both databases alike: a path holding one names nothing (404), a query or body
 * holding one is invalid input (400).
 */
export const refuseNul = fp(async (app: FastifyInstance) => {
  // Synchronous (no promise per request): it never waits for anything.
  app.addHook('preValidation', (request, _reply, done) => {
    let refused: Error | undefined;
    try {
      if (hasNul(request.params)) fail('not_found');
      if (hasNul(request.query)) fail('invalid_input', { query: 'Must not contain a NUL character.' });
      if (hasNul(request.body)) fail('invalid_input', { body: 'Must not contain a NUL character.' });
    } catch (error) {
      refused = error as Error;
    }
    done(refused);
  });
});

/** Walks without recursion: a body may be nested thousands of levels deep. */
export function hasNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (v !== null && typeof v === 'object') {
      for (const [key, inner] of Object.entries(v)) {
        if (key.includes('\u0000')) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}
