import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { analyze } from '../../src/core/coach/index.js';
import { describeEachDatabase, json, startTestApp } from '../support/app.js';
import { ApiClient, signUp } from '../support/api-client.js';

describeEachDatabase('coach API', (get) => {
  test('returns the same JSON as the core analyser for each kind', async () => {
    const person = await signUp(get().app);
    const cases = [
      { kind: 'message', text: 'You never listen to me, you are so selfish.' },
      { kind: 'apology', text: "I'm sorry if you felt hurt, but you kept pushing me." },
      { kind: 'agreement', text: 'I will try to be more honest.' },
      { kind: 'message', text: 'I feel sick when I think about it.' },
    ] as const;
    for (const c of cases) {
      const res = await person.api.post('/api/v1/coach/analyze', c);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(json(res), JSON.parse(JSON.stringify(analyze(c.kind, c.text))));
    }
  });

  test('needs a signed-in caller and a valid kind and text up to 10,000 characters', async () => {
    const anonymous = await new ApiClient(get().app).post('/api/v1/coach/analyze', { kind: 'message', text: 'hi' });
    assert.equal(anonymous.statusCode, 401);
    const person = await signUp(get().app);
    assert.equal((await person.api.post('/api/v1/coach/analyze', { kind: 'poem', text: 'hi' })).statusCode, 400);
    assert.equal((await person.api.post('/api/v1/coach/analyze', { kind: 'message' })).statusCode, 400);
    const long = await person.api.post('/api/v1/coach/analyze', { kind: 'message', text: 'a'.repeat(10_001) });
    assert.equal(long.statusCode, 400);
    assert.ok(json(long).error.details.text);
    assert.equal((await person.api.post('/api/v1/coach/analyze', { kind: 'message', text: 'a'.repeat(10_000) })).statusCode, 200);
  });
});

test('coach texts are never logged', async () => {
  const lines: string[] = [];
  const stream = new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) });
  const testApp = await startTestApp('sqlite', { env: { LOG_LEVEL: 'trace' }, logStream: stream });
  try {
    const person = await signUp(testApp.app);
    const secret = 'Marmalade-Thunderstorm you always forget';
    await person.api.post('/api/v1/coach/analyze', { kind: 'message', text: secret });
    await person.api.post('/api/v1/coach/analyze', { kind: 'message', text: 'x'.repeat(20_000) + secret });
    assert.ok(!lines.join('').includes('Marmalade'));
  } finally {
    await testApp.close();
  }
});
