import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { lazySchemas } from '../../src/platform/http/lazy-schemas.js';
import { startTestApp } from '../support/app.js';

// Route schemas are compiled on first use (start-up speed, issue #7), so a broken schema no longer
// stops the app from starting: this test compiles every one of them instead.
test('every route schema of the app compiles', async () => {
  const { app, close } = await startTestApp('sqlite');
  try {
    await app.compileRemainingSchemas();
    const res = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: 3 } });
    assert.equal(res.statusCode, 400);
  } finally {
    await close();
  }
});

function appWith(schemas: ReturnType<typeof lazySchemas>) {
  return Fastify({
    logger: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    schemaController: {
      compilersFactory: schemas.compilersFactory as NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'],
    },
  });
}

test('a broken schema is reported by compileRemainingSchemas, and by the request that needs it', async () => {
  const schemas = lazySchemas();
  const app = appWith(schemas);
  app.post('/broken', { schema: { body: { type: 'object', properties: { a: { type: 'no-such-type' } } } } }, async () => ({}));
  await app.ready();
  const res = await app.inject({ method: 'POST', url: '/broken', payload: {} });
  assert.equal(res.statusCode, 500);
  await assert.rejects(schemas.warm());
  await app.close();
});

test("lazy validation and serialization answer exactly as Fastify's defaults do", async () => {
  const route = {
    schema: {
      body: {
        type: 'object',
        required: ['n'],
        additionalProperties: false,
        properties: { n: { type: 'integer', minimum: 1 }, s: { type: 'string', default: 'x' } },
      },
      querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 3 } } },
      response: { 200: { type: 'object', properties: { n: { type: 'integer' }, s: { type: 'string' } } } },
    },
  };
  const handler = async (request: { body: unknown }) => ({ ...(request.body as object), secret: 'never serialized' });
  const lazy = appWith(lazySchemas());
  const eager = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } } });
  for (const app of [lazy, eager]) app.post('/thing', route, handler);
  await Promise.all([lazy.ready(), eager.ready()]);
  const requests = [
    { payload: { n: 2 } },
    { payload: { n: 0 } },
    { payload: { n: '2' } },
    { payload: { n: 2, extra: true } },
    { payload: {} },
    { payload: { n: 2 }, query: { q: 'long' } },
  ];
  for (const r of requests) {
    const [a, b] = await Promise.all([lazy, eager].map((app) => app.inject({ method: 'POST', url: '/thing', ...r })));
    assert.equal(a!.statusCode, b!.statusCode, JSON.stringify(r));
    assert.equal(a!.body, b!.body, JSON.stringify(r));
  }
  await Promise.all([lazy.close(), eager.close()]);
});
