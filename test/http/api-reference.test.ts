// docs/api-reference.md is generated from the OpenAPI document (scripts/api-reference.ts): it must
// be what the server describes today, or an operator reads about an API that is not there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { REFERENCE_FILE, renderApiReference, type OpenApiDocument } from '../../scripts/api-reference.js';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
before(async () => {
  app = await startTestApp('sqlite');
});
after(async () => app?.close());

test('docs/api-reference.md is current (regenerate: node --import tsx scripts/api-reference.ts)', async () => {
  const doc = JSON.parse((await app.app.inject({ method: 'GET', url: '/api/openapi.json' })).body) as OpenApiDocument;
  assert.equal(fs.readFileSync(REFERENCE_FILE, 'utf8'), renderApiReference(doc));
});

test('every operation of the OpenAPI document has its heading in the reference', async () => {
  const doc = JSON.parse((await app.app.inject({ method: 'GET', url: '/api/openapi.json' })).body) as OpenApiDocument;
  const text = renderApiReference(doc);
  let operations = 0;
  for (const [url, methods] of Object.entries(doc.paths)) {
    for (const method of Object.keys(methods)) {
      operations++;
      assert.ok(text.includes(`### \`${method.toUpperCase()} ${url}\``), `${method} ${url}`);
    }
  }
  assert.ok(operations > 50, `only ${operations} operations`);
});
