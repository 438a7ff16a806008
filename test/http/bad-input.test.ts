import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeEachDatabase, json, type Response } from '../support/app.js';
import { couple } from '../support/api-client.js';

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  hasBody: boolean;
}

/** Every operation in the OpenAPI document, so a new route is covered the day it is added. */
function operations(openapi: { paths: Record<string, Record<string, { requestBody?: unknown }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({ method: method.toUpperCase() as Operation['method'], path, hasBody: op.requestBody !== undefined });
    }
  }
  return ops;
}

const nastyBodies: Array<[string, string]> = [
  ['empty', ''],
  ['malformed', '{"email": '],
  ['array', '[1,2,3]'],
  ['number', '42'],
  ['string', '"hello"'],
  ['null', 'null'],
  ['deep', '['.repeat(5000) + ']'.repeat(5000)],
  ['proto', '{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}'],
  ['wrong types', '{"email": 1, "password": [], "displayName": {}, "name": false, "role": 7, "timezone": null}'],
  ['unknown fields', '{"surprise": "field", "isAdmin": true}'],
  ['unicode', JSON.stringify({ name: '\u0000\ud800\uffff🙂'.repeat(10), email: '\u202e@x.y', password: '\ud83d' })],
];

function assertErrorShape(res: Response, label: string): void {
  assert.ok(res.statusCode < 500, `${label} → ${res.statusCode} ${res.body.slice(0, 200)}`);
  if (res.statusCode >= 400) {
    const body = json(res);
    assert.equal(typeof body.error?.code, 'string', `${label}: error.code`);
    assert.equal(typeof body.error?.message, 'string', `${label}: error.message`);
  }
}

describeEachDatabase('bad input never causes a server error', (get) => {
  test('every route answers malformed, wrong-typed, oversized and hostile bodies with a 4xx in the error shape', async () => {
    const { app } = get();
    const { a, spaceId } = await couple(app);
    const doc = json(await app.inject({ method: 'GET', url: '/api/openapi.json' }));
    const ops = operations(doc);
    assert.ok(ops.length >= 12, 'the OpenAPI document lists the API');
    const fill = (path: string) => path.replace('{spaceId}', spaceId).replace(/\{[^}]+\}/g, 'AAAA-BBBB-CCCC-DDDD');
    for (const op of ops) {
      for (const auth of [a.api.token, null]) {
        for (const [label, payload] of nastyBodies) {
          const res = await app.inject({
            method: op.method,
            url: fill(op.path),
            headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
            payload,
          });
          assertErrorShape(res, `${op.method} ${op.path} (${label}, ${auth ? 'signed in' : 'signed out'})`);
        }
        const huge = await app.inject({
          method: op.method,
          url: fill(op.path),
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
          payload: JSON.stringify({ name: 'x'.repeat(200_000) }),
        });
        assertErrorShape(huge, `${op.method} ${op.path} (huge)`);
        if (op.hasBody) assert.equal(huge.statusCode, 413, `${op.method} ${op.path} refuses a huge body`);
        const form = await app.inject({
          method: op.method,
          url: fill(op.path),
          headers: { 'content-type': 'text/plain', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
          payload: 'email=a',
        });
        assertErrorShape(form, `${op.method} ${op.path} (text/plain)`);
      }
    }
  });

  test('query parameters with impossible dates, huge or odd values get a 4xx, never a 5xx', async () => {
    const { app } = get();
    const { a, spaceId } = await couple(app);
    const doc = json(await app.inject({ method: 'GET', url: '/api/openapi.json' }));
    const paths = doc.paths as Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
    let checked = 0;
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const names = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        for (const name of names) {
          for (const value of ['2025-13-01', '2025-02-30', '0000-00-00', 'x'.repeat(5000), '', '-1', '[]', '\u0000']) {
            const url = `${path.replace('{spaceId}', spaceId).replace(/\{[^}]+\}/g, 'x')}?${name}=${encodeURIComponent(value)}`;
            const res = await app.inject({
              method: method.toUpperCase() as 'GET',
              url,
              headers: { authorization: `Bearer ${a.api.token}` },
            });
            assertErrorShape(res, `${method.toUpperCase()} ${url.slice(0, 80)}`);
            checked += 1;
          }
        }
      }
    }
    assert.ok(checked > 0, 'some routes take query parameters');
  });

  test('random JSON bodies and path values never cause a 5xx (property)', async () => {
    const { app } = get();
    const { a, spaceId } = await couple(app);
    const doc = json(await app.inject({ method: 'GET', url: '/api/openapi.json' }));
    const ops = operations(doc);
    const segment = fc.oneof(fc.constant(spaceId), fc.string({ maxLength: 80 }), fc.uuid(), fc.string({ unit: 'binary', maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), fc.jsonValue({ maxDepth: 4 }), segment, fc.boolean(), async (op, body, value, signedIn) => {
        const url = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(value) || 'x');
        const res = await app.inject({
          method: op.method,
          url,
          headers: { 'content-type': 'application/json', ...(signedIn ? { authorization: `Bearer ${a.api.token}` } : {}) },
          payload: JSON.stringify(body),
        });
        assertErrorShape(res, `${op.method} ${url}`);
      }),
      { numRuns: 300 },
    );
  });
});
